# shellcheck shell=bash
# Sourced by ./sim, .ci/run and bench/run. Defines find_jdk, which prints the home of the first JDK >= 21 it finds
# (one with both java and javac), looking at JAVA_HOME, then `java` on PATH, then the usual install places.
# Returns 1 and prints nothing if there is none.

SYSMODELS_MIN_JAVA=21

_jdk_major() { # $1 = JDK home; prints the feature version (8, 17, 21, 25...) or nothing
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$v" in
    1.*) echo "${v#1.}" ;;
    *) echo "${v%%.*}" ;;
  esac
}

_jdk_ok() { # $1 = candidate home
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(_jdk_major "$1")
  [ -n "$major" ] && [ "$major" -ge "$SYSMODELS_MIN_JAVA" ] 2>/dev/null
}

find_jdk() {
  local candidates=() c java_on_path best="" best_major=0 major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java_on_path=$(command -v java 2>/dev/null); then
    java_on_path=$(readlink -f "$java_on_path" 2>/dev/null || echo "$java_on_path")
    candidates+=("$(dirname "$(dirname "$java_on_path")")")
  fi
  # The first two places win when they qualify: they are what the user chose.
  for c in "${candidates[@]}"; do
    if _jdk_ok "$c"; then echo "$c"; return 0; fi
  done
  # Otherwise the newest JDK installed in a usual place.
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] || continue
    if _jdk_ok "$c"; then
      major=$(_jdk_major "$c")
      if [ "$major" -gt "$best_major" ]; then best="$c"; best_major="$major"; fi
    fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

no_jdk_message() {
  cat >&2 <<MSG
$1: sysmodels needs a JDK $SYSMODELS_MIN_JAVA or newer (java and javac), and none was found.
  Looked at: \$JAVA_HOME, the java on your PATH, /usr/lib/jvm/*, ~/.sdkman/candidates/java/*, ~/.jdks/*.
  Install one (e.g. 'apt-get install openjdk-21-jdk', or Temurin from https://adoptium.net) or set JAVA_HOME to it.
MSG
}
