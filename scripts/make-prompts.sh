#!/usr/bin/env bash
# Regenerates prompts/<language>/<name>.wav from prompts/<language>/prompts.txt (lines "name|text").
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). Output: 8 kHz, 16-bit, mono PCM WAV,
# deterministic (no dither), leading silence trimmed so prompts start at once.
# The "beep" prompt is a 300 ms 1 kHz tone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-prompts: $tool is missing (apt-get install espeak-ng sox)" >&2; exit 1; }
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

for list in "$root"/prompts/*/prompts.txt; do
  dir="$(dirname "$list")"; lang="$(basename "$dir")"
  while IFS='|' read -r name text; do
    case "$name" in ''|'#'*) continue ;; esac
    mkdir -p "$dir/$(dirname "$name")"
    markup=(); case "$text" in "<speak>"*) markup=(-m) ;; esac  # SSML: a line may switch voices
    espeak-ng "${markup[@]}" -v "$lang" -s 165 -w "$tmp/raw.wav" "$text"
    # to 8 kHz mono 16-bit, no dither; trim leading silence, keep a short tail
    sox -D "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$dir/$name.wav" \
      silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse pad 0 0.1
  done < "$list"
  sox -D -n -r 8000 -c 1 -b 16 -e signed-integer "$dir/beep.wav" synth 0.3 sine 1000 vol 0.5
  echo "make-prompts: $(find "$dir" -name '*.wav' | wc -l) prompts in $dir"
done
