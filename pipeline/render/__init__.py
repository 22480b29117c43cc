"""Documents: memos, summary, city report, HTML report, blank form and PDFs, from templates in templates/."""
