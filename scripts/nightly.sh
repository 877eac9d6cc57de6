#!/usr/bin/env bash
# Nightly run for cron or systemd: screens for today in Asia/Shanghai with the given config file.
#
#   scripts/nightly.sh /etc/riskscreen/riskscreen.toml
#
# Logs are appended to <log dir>/riskscreen-<date>.log (log dir: $RISKSCREEN_LOG_DIR, else logs/ beside the
# config file). stderr carries only errors and the one-line summary, so a cron mail is short. The exit status is
# riskscreen's: 0 success, 1 usage/config, 2 input rejected, 3 locked by another run, 4 internal error.
# Extra arguments are passed to `riskscreen run` (e.g. --dry-run).
set -uo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 CONFIG [riskscreen run options...]" >&2
    exit 1
fi
config="$1"; shift
if [ ! -r "$config" ]; then
    echo "nightly: cannot read config file $config" >&2
    exit 1
fi

bin="${RISKSCREEN_BIN:-$(command -v riskscreen || true)}"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "nightly: riskscreen not found; put it on PATH or set RISKSCREEN_BIN" >&2
    exit 1
fi

as_of="${RISKSCREEN_AS_OF:-$(TZ=Asia/Shanghai date +%F)}"
log_dir="${RISKSCREEN_LOG_DIR:-$(cd "$(dirname "$config")" && pwd)/logs}"
(umask 027 && mkdir -p "$log_dir") || { echo "nightly: cannot create log folder $log_dir" >&2; exit 1; }
log="$log_dir/riskscreen-$as_of.log"

# stdout's last line is the run folder; stderr (errors, summary) goes straight through to cron's mail.
folder="$("$bin" run --config "$config" --as-of "$as_of" --log-file "$log" --quiet "$@" | tail -n 1)"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
    echo "folder: $folder"
    echo "report: $folder/report.html"
fi
echo "log:    $log"
exit "$status"
