#!/bin/bash
# Times every input of Scripts/pathological_pages.py as one page of the bad-input catalogue's
# base site: `lantern build` with BEFORE and AFTER (two lantern binaries), `lantern check` with
# AFTER, and Hugo (if installed) on a one-page site; a 30 s timeout each. Prints a Markdown
# table: seconds, and the exit status in brackets.
# usage: BEFORE=/path/lantern-main AFTER=.build/release/lantern Scripts/time_pathological.sh
ROOT=$(cd "$(dirname "$0")/.." && pwd); T=${TIMEOUT:-30}
BEFORE=${BEFORE:?the lantern binary to compare with}; AFTER=${AFTER:-$ROOT/.build/release/lantern}
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
t() { local s=$(date +%s.%N); timeout $T "$@" > /dev/null 2>&1; local rc=$?; local e=$(date +%s.%N)
      if [ $rc = 124 ]; then echo ">$T"; else printf "%.2f (%s)" "$(echo "$e - $s" | bc)" $rc; fi; }
echo "| Input | Lantern before | Lantern after | lantern check after | Hugo |"
echo "| --- | --- | --- | --- | --- |"
for name in $(python3 "$ROOT/Scripts/pathological_pages.py" --list); do
  d=$WORK/site; rm -rf $d; cp -r "$ROOT/Tests/Fixtures/bad/_base" $d
  python3 "$ROOT/Scripts/pathological_pages.py" $name --out $d/Content/therapies/cbt.md
  before=$(cd $d && t "$BEFORE" build --quiet --output $WORK/before)
  after=$(cd $d && t "$AFTER" build --quiet --output $WORK/after)
  check=$(cd $d && t "$AFTER" check)
  hugo="-"
  if command -v hugo > /dev/null; then
    h=$WORK/hugo; rm -rf $h; mkdir -p $h/content $h/layouts/_default
    echo 'baseURL = "https://example.org/"' > $h/config.toml
    echo '{{ .Content }}' > $h/layouts/_default/single.html; echo '{{ .Title }}' > $h/layouts/_default/list.html
    cp $d/Content/therapies/cbt.md $h/content/page.md
    hugo=$(t hugo --quiet -s $h -d $h/public)
  fi
  echo "| $name | $before | $after | $check | $hugo |"
done
