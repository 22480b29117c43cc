#!/usr/bin/env bash
# Set up everything jigong needs on a fresh Debian machine, then run the demo job or the tests.
#   bash bootstrap.sh demo   — install, then `jigong run` on the embedded demo batch (inputs/ → outputs/)
#   bash bootstrap.sh test   — install with the test extras, then ruff, mypy and pytest
set -euo pipefail
cd "$(dirname "$0")"
task="${1:-demo}"
shift || true

# System packages: LibreOffice (conversion and the PDF checks), CJK fonts, poppler (pdftoppm, pdffonts).
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# LibreOffice Calc converts old .xls and WPS .et workbooks (its module is libsclo.so).
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
# grep reads all of fc-list's output (no -q): with pipefail, an early exit would fail fc-list with SIGPIPE.
fc-list 2>/dev/null | grep -i "Noto Serif CJK" >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "AR PL UKai" >/dev/null || need+=(fonts-arphic-ukai)  # 楷体 in PDFs
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ "$task" = "test" ]; then  # the review tests drive a real browser
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "安装系统软件包：${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The project in its own virtual environment.
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras="."
[ "$task" = "test" ] && extras=".[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e "$extras"
# The source installs as jigong.*; mypy, which does not follow the editable install's import hook, finds that
# name through this link (pyproject.toml's mypy_path).
mkdir -p .venv/jigong-src && ln -sfn ../.. .venv/jigong-src/jigong

case "$task" in
  demo)
    exec .venv/bin/jigong run "$@"
    ;;
  test)
    .venv/bin/ruff check .
    .venv/bin/mypy
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "用法：bash bootstrap.sh demo|test" >&2
    exit 2
    ;;
esac
