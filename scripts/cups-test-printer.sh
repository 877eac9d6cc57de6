#!/bin/sh
# Makes a CUPS scheduler with a virtual PDF printer available, for tests and demos.
#
# Works as root in a container without systemd: starts `cupsd` directly (it
# daemonises) when the scheduler is not answering, then adds the cups-pdf queue
# if it is missing. Safe to run any number of times.
#
# Needs the Debian packages cups, cups-client, cups-bsd and printer-driver-cups-pdf.
# Prints the directory where cups-pdf writes the PDFs of jobs submitted by the
# current user as the last line on stdout.
#
# Usage: scripts/cups-test-printer.sh [QUEUE]   (default queue name: PDF)
set -eu

queue="${1:-PDF}"

log() { echo "cups-test-printer: $*" >&2; }

for tool in cupsd lpadmin lpstat lpinfo; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
        log "missing $tool; install the Debian packages cups and printer-driver-cups-pdf"
        exit 1
    fi
done
PATH="$PATH:/usr/sbin:/sbin"

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    log "starting cupsd"
    mkdir -p /run/cups /var/spool/cups /var/cache/cups
    cupsd
    # cupsd daemonises before it listens; wait (bounded) until it answers.
    i=0
    until lpstat -r 2>/dev/null | grep -q "is running"; do
        i=$((i + 1))
        if [ "$i" -gt 100 ]; then
            log "cupsd did not start within 10 s; see /var/log/cups/error_log"
            exit 1
        fi
        sleep 0.1
    done
fi

if ! lpstat -p "$queue" >/dev/null 2>&1; then
    # Debian ships the PPD as lsb/usr/cups-pdf/CUPS-PDF_opt.ppd; look it up rather than hard-code it.
    ppd="$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ { print $1; exit }')"
    if [ -z "$ppd" ]; then
        ppd="$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ { print $1; exit }')"
    fi
    if [ -z "$ppd" ]; then
        log "no cups-pdf PPD found (lpinfo -m); install printer-driver-cups-pdf"
        exit 1
    fi
    log "adding queue $queue with $ppd"
    lpadmin -p "$queue" -E -v cups-pdf:/ -m "$ppd"
fi
# A queue left stopped or rejecting by an earlier failure would swallow jobs silently.
cupsenable "$queue" 2>/dev/null || /usr/sbin/cupsenable "$queue"
cupsaccept "$queue" 2>/dev/null || /usr/sbin/cupsaccept "$queue"

# cups-pdf writes to the `Out` directory of its config, ${HOME} and ${USER} being the job owner's.
conf=/etc/cups/cups-pdf.conf
out='${HOME}/PDF'
if [ -r "$conf" ]; then
    configured="$(awk '$1 == "Out" { $1 = ""; sub(/^ +/, ""); print; exit }' "$conf")"
    [ -n "$configured" ] && out="$configured"
fi
user="$(id -un)"
home="$(getent passwd "$user" | cut -d: -f6)"
[ -n "$home" ] || home="$HOME"
dir="$(printf '%s\n' "$out" | sed -e "s|\${HOME}|$home|g" -e "s|\${USER}|$user|g")"
echo "$dir"
