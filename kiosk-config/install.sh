#!/usr/bin/env bash
# Turns a fresh Raspberry Pi OS (Bookworm), Debian 12 or Ubuntu 24.04 machine
# into a Loopboard screen: Chromium in kiosk mode in the cage Wayland
# compositor, started on tty1 by systemd for a dedicated kiosk user, with a
# watchdog and a nightly restart. Safe to run again (it only changes what
# differs); see README.md in this folder.
#
#   sudo ./install.sh --server URL [--rotate 90|180|270] [--dry-run]
#   sudo ./install.sh --uninstall [--dry-run]
set -euo pipefail

readonly KIOSK_USER=loopboard-kiosk
readonly KIOSK_HOME=/home/loopboard-kiosk
readonly LIB_DIR=/usr/local/lib/loopboard-kiosk
readonly CONF_DIR=/etc/loopboard-kiosk
readonly UNIT_DIR=/etc/systemd/system
readonly UNITS=(loopboard-kiosk.service loopboard-kiosk-watchdog.service loopboard-kiosk-watchdog.timer
  loopboard-kiosk-restart.service loopboard-kiosk-restart.timer)
readonly ENABLE=(loopboard-kiosk.service loopboard-kiosk-watchdog.timer loopboard-kiosk-restart.timer)
readonly SCRIPTS=(kiosk-session kiosk-browser kiosk-watchdog)
readonly SLEEP_TARGETS=(sleep.target suspend.target hibernate.target hybrid-sleep.target)
# The slides' text (Latin with å ä ö, Greek, Cyrillic, Arabic, Hebrew) and their
# emoji, and nothing else: fonts-dejavu's black-and-white emoticons would win over
# the colour emoji (the session also hides the DejaVu that fontconfig brings).
readonly FONTS=(fonts-noto-core fonts-noto-color-emoji)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
server=""
rotate=0
dry_run=false
uninstall=false
root=""   # --root DIR: write the files under DIR only (packaging, tests); no packages, users or systemctl

usage() {
  cat <<USAGE
Usage: install.sh --server URL [--rotate 90|180|270] [--dry-run]
       install.sh --uninstall [--dry-run]

  --server URL   the Loopboard server (http://host:7070) or a screen URL from it
                 (https://host/display/?token=lbs_...); /display/ is added if missing
  --rotate DEG   turn the picture clockwise: 90 or 270 for a portrait screen, 180 upside down
  --dry-run      print what would be done, change nothing (needs no root)
  --uninstall    remove the kiosk units, scripts and configuration (keeps the kiosk user)
  --root DIR     only write the files, under DIR (for packaging and tests)
USAGE
}

die() {
  echo "install.sh: $*" >&2
  exit 2
}

while (($#)); do
  case "$1" in
    --server) (($# >= 2)) || die "--server needs a URL"; server="$2"; shift 2 ;;
    --server=*) server="${1#*=}"; shift ;;
    --rotate) (($# >= 2)) || die "--rotate needs 90, 180 or 270"; rotate="$2"; shift 2 ;;
    --rotate=*) rotate="${1#*=}"; shift ;;
    --dry-run) dry_run=true; shift ;;
    --uninstall) uninstall=true; shift ;;
    --root) (($# >= 2)) || die "--root needs a folder"; root="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

case "$rotate" in
  0 | 90 | 180 | 270) ;;
  *) die "--rotate must be 90, 180 or 270, was '$rotate'" ;;
esac

# ---- helpers -----------------------------------------------------------------

# Runs a command, or with --dry-run prints it. Every change goes through here.
run() {
  local line
  printf -v line '%q ' "$@"
  if $dry_run; then
    echo "would: ${line% }"
  else
    echo "+ ${line% }"
    "$@"
  fi
}

# Commands that act on the live system, skipped when only staging files under --root.
system() {
  if [ -n "$root" ]; then
    echo "skip (--root): $*"
  else
    run "$@"
  fi
}

# Installs $2 from the file $1 with mode $3, only when the content differs.
put_file() {
  local src="$1" dest="$root$2" mode="$3"
  if [ -f "$dest" ] && cmp -s "$src" "$dest" && [ "$(stat -c %a "$dest")" = "$mode" ]; then
    echo "unchanged: $2"
    return 1
  fi
  run install -D -m "$mode" "$src" "$dest"
  changed=true
}

# Writes the display URL and rotation, only when they differ.
put_config() {
  local tmp
  tmp="$(mktemp)"
  {
    echo "# Written by kiosk-config/install.sh; run it again to change these."
    echo "LOOPBOARD_URL=$display_url"
    echo "LOOPBOARD_ROTATE=$rotate"
    echo "LOOPBOARD_DEVTOOLS_PORT=9222"
  } >"$tmp"
  if put_file "$tmp" "$CONF_DIR/kiosk.conf" 644 >/dev/null; then
    echo "$($dry_run && echo would || echo +): write $CONF_DIR/kiosk.conf:"
    sed -n 's/^LOOPBOARD/    LOOPBOARD/p' "$tmp"
  else
    echo "unchanged: $CONF_DIR/kiosk.conf"
  fi
  rm -f "$tmp"
}

# Those of the given packages that are not installed yet, one a line.
missing_packages() {
  local installed p
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '/install ok installed/ { print $1 }' || true)"
  for p in "$@"; do
    grep -qx "$p" <<<"$installed" || echo "$p"
  done
}

# The first of the given packages that apt can install here.
first_available() {
  local p
  for p in "$@"; do
    if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      echo "$p"
      return
    fi
  done
  echo "$1"
}

# The Chromium package: Raspberry Pi OS calls it chromium-browser (newer images
# chromium); on Ubuntu chromium-browser installs the snap.
chromium_package() {
  if [ -f /etc/rpi-issue ]; then
    first_available chromium-browser chromium
  elif grep -qi '^ID=ubuntu' /etc/os-release 2>/dev/null; then
    echo chromium-browser
  else
    echo chromium
  fi
}

# ---- the display URL ---------------------------------------------------------

display_url_of() {
  local url="$1"
  # Only characters a URL with a screen token needs: nothing that could break
  # out of the config file or a command line.
  local safe='^https?://[A-Za-z0-9._~:/?#@&+,=%-]+$'
  if ! [[ "$url" =~ $safe ]]; then
    die "--server must be an http:// or https:// URL without spaces or shell characters, was '$url'"
  fi
  if [[ "$url" != */display* ]]; then
    url="${url%/}/display/"
  fi
  echo "$url"
}

# ---- install -----------------------------------------------------------------

install_kiosk() {
  [ -n "$server" ] || { usage >&2; die "--server URL is required"; }
  display_url="$(display_url_of "$server")"
  if ! $dry_run && [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo), or try --dry-run"
  fi

  echo "Loopboard kiosk: $display_url (rotate $rotate)"

  # 1. Packages: browser, compositor, Xwayland (cage as Debian, Raspberry Pi OS and
  # Ubuntu build it does not start without it, and nothing pulls it in), output
  # rotation, fonts, curl for the watchdog.
  local wanted missing=() p
  wanted=("$(chromium_package)" cage xwayland wlr-randr curl "${FONTS[@]}")
  echo "packages: ${wanted[*]}"
  if [ -z "$root" ]; then
    mapfile -t missing < <(missing_packages "${wanted[@]}")
  fi
  if [ -n "$root" ]; then
    echo "skip (--root): packages"
  elif ((${#missing[@]})); then
    system env DEBIAN_FRONTEND=noninteractive apt-get update
    system env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "unchanged: packages ${wanted[*]}"
  fi

  # 2. The kiosk user: no password, no shell; it gets a session only through the service.
  if id "$KIOSK_USER" >/dev/null 2>&1; then
    echo "unchanged: user $KIOSK_USER"
  else
    local groups=() g
    for g in video render input audio; do
      getent group "$g" >/dev/null 2>&1 && groups+=("$g")
    done
    system useradd --system --create-home --home-dir "$KIOSK_HOME" --shell /usr/sbin/nologin \
      --groups "$(IFS=,; echo "${groups[*]}")" --comment "Loopboard kiosk" "$KIOSK_USER"
  fi

  # 3. Scripts, configuration and units.
  changed=false
  for p in "${SCRIPTS[@]}"; do
    put_file "$here/lib/$p" "$LIB_DIR/$p" 755 || true
  done
  put_file "$here/lib/fonts.conf" "$LIB_DIR/fonts.conf" 644 || true
  put_config
  for p in "${UNITS[@]}"; do
    put_file "$here/systemd/$p" "$UNIT_DIR/$p" 644 || true
  done

  # 4. A kiosk never sleeps, and no display manager competes for the screen.
  system systemctl mask "${SLEEP_TARGETS[@]}"
  if [ -z "$root" ] && systemctl is-enabled --quiet display-manager.service 2>/dev/null; then
    local dm
    dm="$(basename "$(readlink -f /etc/systemd/system/display-manager.service)")"
    echo "the desktop's display manager ($dm) would take the screen; it is disabled (--uninstall turns it back on)"
    run install -D -m 644 /dev/null "$CONF_DIR/disabled-display-manager"
    if ! $dry_run; then echo "$dm" >"$CONF_DIR/disabled-display-manager"; fi
    run systemctl disable "$dm"
  fi

  # 5. Boot into the kiosk, and (re)start it now.
  system systemctl daemon-reload
  system systemctl set-default graphical.target
  system systemctl enable "${ENABLE[@]}"
  if $changed; then
    system systemctl restart loopboard-kiosk.service
  else
    system systemctl start loopboard-kiosk.service
  fi
  system systemctl start loopboard-kiosk-watchdog.timer loopboard-kiosk-restart.timer

  echo "Done. The screen shows $display_url; 'journalctl -u loopboard-kiosk' tells what it does."
}

# ---- uninstall -----------------------------------------------------------------

uninstall_kiosk() {
  if ! $dry_run && [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo), or try --dry-run"
  fi
  local p
  system systemctl disable --now "${ENABLE[@]}"
  for p in "${UNITS[@]}"; do
    if [ -e "$root$UNIT_DIR/$p" ]; then run rm -f "$root$UNIT_DIR/$p"; fi
  done
  if [ -e "$root$LIB_DIR" ]; then run rm -rf "$root$LIB_DIR"; fi
  if [ -f "$root$CONF_DIR/disabled-display-manager" ]; then
    system systemctl enable "$(cat "$root$CONF_DIR/disabled-display-manager")"
  fi
  if [ -e "$root$CONF_DIR" ]; then run rm -rf "$root$CONF_DIR"; fi
  system systemctl unmask "${SLEEP_TARGETS[@]}"
  system systemctl daemon-reload
  echo "Removed. The user $KIOSK_USER and its browser profile are kept; 'userdel -r $KIOSK_USER' removes them."
}

if $uninstall; then
  uninstall_kiosk
else
  install_kiosk
fi
