#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Extracts a fresh template from the files in po/POTFILES, merges it into a
# copy of each translation in po/LINGUAS and fails if any string is missing,
# fuzzy, or breaks msgfmt --check (format strings, header).
# Usage: check-translations.sh SOURCE_ROOT [LANGUAGE...]
set -eu
root=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same options as meson's i18n.gettext(preset: 'glib').
xgettext --directory="$root" --files-from="$root/po/POTFILES" \
  --output="$tmp/gapwise.pot" --package-name=gapwise \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
total=$(grep -c '^msgid ' "$tmp/gapwise.pot") || total=0
echo "Template: $((total - 1)) strings"

languages=${*:-$(sed 's/#.*//' "$root/po/LINGUAS")}
status=0
for lang in $languages; do
  po="$root/po/$lang.po"
  if ! grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"' "$po"; then
    echo "$po: the header must say charset=UTF-8"
    status=1
  fi
  msgmerge --quiet --output-file="$tmp/$lang.po" "$po" "$tmp/gapwise.pot"
  if ! msgfmt --check --statistics --output-file="$tmp/$lang.mo" "$tmp/$lang.po" 2>"$tmp/$lang.log"; then
    cat "$tmp/$lang.log"
    echo "$po: msgfmt --check failed"
    status=1
    continue
  fi
  echo "$lang: $(cat "$tmp/$lang.log")"
  if grep -q 'fuzzy\|untranslated' "$tmp/$lang.log"; then
    echo "$po is incomplete; these strings need a translation (or a check, when fuzzy):"
    msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^#:\|^msgid' | grep -v '^msgid ""$' || true
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^#:\|^msgid' | grep -v '^msgid ""$' || true
    status=1
  fi
done
exit $status
