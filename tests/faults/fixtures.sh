# Fixtures of the fault catalogue and the kill injection (sourced):
#   $FIX/in/        the 16 sample articles (samples/*.txt, samples/feed.jsonl)
#   $FIX/more/      40 more short articles (JSON Lines) written here
#   $FIX/many/      2,100 one-sentence articles (three ingest groups)
#   $FIX/base.db    kg ingest of in/;  $FIX/base.sig its signature
#   $FIX/more.db    base.db plus more/
#   $FIX/empty.db   a database with no data
#   $FIX/facts.jsonl  kg extract of in/ (kg load input)
#   $FIX/big.jsonl  3,000 minimal triples in 1,000 articles (bulk load input)
#   $FIX/forget.id  an article of base.db with many facts
make_fixtures() {
  mkdir -p "$FIX/in" "$FIX/more"
  cp "$SRC"/samples/*.txt "$SRC"/samples/feed.jsonl "$FIX/in/"
  local people=("Olaf Scholz" "Emmanuel Macron" "Joe Biden" "Wladimir Putin" "Xi Jinping" "Kim Jong Un"
                "Antony Blinken" "Fumio Kishida")
  local places=("Berlin" "Paris" "Washington" "Moskau" "Peking" "Tokio")
  local i a b p
  for i in $(seq 0 39); do
    a=${people[$((i % 8))]}
    b=${people[$(((i * 3 + 1) % 8))]}
    p=${places[$((i % 6))]}
    printf '{"id":"more-%02d","title":"Treffen %d","date":"2024-%02d-%02d","lang":"de","text":"%s traf %s am Montag in %s. Beide sprachen über Sanktionen gegen Russland."}\n' \
      "$i" "$i" $((i % 12 + 1)) $((i % 27 + 1)) "$a" "$b" "$p" >>"$FIX/more/more.jsonl"
  done
  mkdir -p "$FIX/many"
  awk 'BEGIN { split("Olaf Scholz|Emmanuel Macron|Joe Biden|Wladimir Putin|Xi Jinping|Kim Jong Un", p, "|")
    for (i = 0; i < 2100; i++)
      printf "{\"id\":\"many-%04d\",\"lang\":\"de\",\"date\":\"2024-03-%02d\",\"text\":\"%s traf %s in Berlin.\"}\n",
        i, i % 28 + 1, p[i % 6 + 1], p[(i * 5 + 1) % 6 + 1] }' >"$FIX/many/many.jsonl"
  "$KG" ingest "$FIX/in" --db "$FIX/base.db" --settle 0 --no-progress >/dev/null 2>&1 || { echo "fixture: ingest failed"; return 1; }
  cp -a "$FIX/base.db" "$FIX/more.db"
  "$KG" ingest "$FIX/more" --db "$FIX/more.db" --settle 0 --no-progress >/dev/null 2>&1 || { echo "fixture: more failed"; return 1; }
  : >"$FIX/empty.jsonl"
  "$KG" load "$FIX/empty.jsonl" --db "$FIX/empty.db" >/dev/null 2>&1 || { echo "fixture: empty db failed"; return 1; }
  "$KG" extract "$FIX/in" --format jsonl --jobs 1 >"$FIX/facts.jsonl" 2>/dev/null || { echo "fixture: extract failed"; return 1; }
  awk 'BEGIN {
      split("meets visits supports opposes sanctions attacks cooperates_with supplies", preds, " ")
      for (i = 0; i < 3000; i++) {
        printf "{\"subject\":\"Akteur %d\",\"subject_type\":\"person\",\"predicate\":\"%s\",\"object\":\"Akteur %d\",\"object_type\":\"person\",\"date\":\"2024-%02d\",\"article\":\"big-%d\"}\n",
          i % 700, preds[i % 8 + 1], (i * 7 + 3) % 700, i % 12 + 1, int(i / 3)
      }
    }' >"$FIX/big.jsonl"
  echo "$FIX/in/de-kim-putin-followup-2023-09.txt" >"$FIX/forget.id"
  sig "$FIX/base.db" >"$FIX/base.sig"
}
