"""What the tests share: documents and results (documents.py, results.py), rendered batches (render.py), the
season's small batches (season.py), the YAML rule cases (rule_cases.py), and the fault drills run through the
tool's documented hooks (faults.py in the workers, drill.py in the main process)."""
