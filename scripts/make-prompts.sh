#!/usr/bin/env bash
# Regenerates prompts/<language>/<name>.wav from prompts/<language>/prompts.txt (lines "name|text").
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). Output: 8 kHz, 16-bit, mono PCM WAV,
# deterministic (no dither), leading silence trimmed so prompts start at once.
# The "beep" prompt is a 300 ms 1 kHz tone; "hold-music" (English only: every language falls back to it) is a
# 24-second synthesised arpeggio (C, A minor, F, G), our own and royalty-free, looped by queues while callers wait.
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
  if [ "$lang" = en ]; then
    notes=(C4 E4 G4 C5  A3 C4 E4 A4  F3 A3 C4 F4  G3 B3 D4 G4)
    parts=()
    for round in 1 2; do
      for n in "${notes[@]}"; do
        i=${#parts[@]}
        sox -D -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/n$i.wav" synth 0.75 pluck "$n" vol 0.35 fade 0 0.75 0.3
        parts+=("$tmp/n$i.wav")
      done
    done
    sox -D "${parts[@]}" "$dir/hold-music.wav"
  fi
  echo "make-prompts: $(find "$dir" -name '*.wav' | wc -l) prompts in $dir"
done
