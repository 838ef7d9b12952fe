#!/usr/bin/env node
// Entities of English articles by the compromise NLP library, as JSON Lines in the shape of
// `kg extract --format jsonl` (what ../shared/eval/score.py reads), so that both score the same way.
//
// usage: node bench/compromise/extract.mjs FILE.txt... > compromise.jsonl
//
// One line per article: {"article": {"id": STEM, "path": FILE}, "entities": [...], "relations": []}.
// What is done with compromise's documented API (README.md beside this file explains why):
// - each non-empty line of the text (title, dateline, paragraph) is one nlp() document;
// - possessives().strip() first ("NASA's" -> "NASA"), then people(), organizations() and places(),
//   each match split after a comma (splitAfter('@hasComma'): "Paris, France" is two places);
// - leading honorifics and titles (#Honorific, #Actor: "Dr.", "Administrator") and a leading
//   determiner ("the Netherlands") are dropped from a name, end punctuation trimmed;
// - types: people() -> person, organizations() -> organization, places() -> country when a term is
//   tagged #Country, region when #Region, city when #City, otherwise city;
// - one entity per article and normalised name (score.py's normalisation), typed by its most
//   frequent reading; a one-word person name that is the last word of exactly one longer person
//   name of the article becomes a mention of that person (the article's "Smith" = "John Smith").
import fs from 'node:fs'
import path from 'node:path'
import nlp from 'compromise'

// score.py's norm(): NFKD, no combining marks, case-folded, punctuation as spaces.
function norm(s) {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}_]+/gu, ' ').trim()
}

function placeType(tags) {
  if (tags.has('Country')) return 'country'
  if (tags.has('Region')) return 'region'
  return 'city'
}

const capitalised = t => /^[\p{Lu}\p{N}]/u.test(t.text)

// One match (compromise JSON with terms) -> {name, tags} or null. `sentences` are the line's
// terms (doc.json()) to follow a name across a hyphen that compromise splits on ("Kim Min-Woo").
function nameOf(match, kind, sentences) {
  let terms = match.terms.slice()
  for (;;) {
    const last = terms[terms.length - 1]
    const [s, i] = last.index
    const next = sentences[s] && sentences[s].terms[i + 1]
    if (!next || last.post !== '-' || !capitalised(next)) break
    terms.push(next)
  }
  const isTitle = t => t.tags.includes('Honorific') || t.tags.includes('Actor')
  if (kind === 'person') {
    while (terms.length > 1 && isTitle(terms[0])) terms = terms.slice(1)
  }
  // A name starts and ends with a capitalised word: no "the", "downtown", "community".
  while (terms.length && !capitalised(terms[0])) terms = terms.slice(1)
  while (terms.length && !capitalised(terms[terms.length - 1])) terms = terms.slice(0, -1)
  if (!terms.length) return null
  let s = ''
  terms.forEach((t, i) => {
    if (i > 0) s += terms[i - 1].post.trim() === '' ? ' ' : terms[i - 1].post.replace(/\s+/g, ' ')
    s += t.text
  })
  s = s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.)]+$/gu, '').replace(/\s+/g, ' ')
  if (!norm(s)) return null
  const tags = new Set(terms.flatMap(t => t.tags))
  return { name: s, tags }
}

function extract(text) {
  const found = [] // {name, type}
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue
    const doc = nlp(line)
    doc.possessives().strip()
    const sentences = doc.json()
    const kinds = [['person', doc.people()], ['organization', doc.organizations()], ['place', doc.places()]]
    for (const [kind, view] of kinds) {
      for (const m of view.splitAfter('@hasComma').json()) {
        const n = nameOf(m, kind, sentences)
        if (!n) continue
        found.push({ name: n.name, type: kind === 'place' ? placeType(n.tags) : kind })
      }
    }
  }
  // One entity per normalised name.
  const byKey = new Map()
  for (const f of found) {
    const k = norm(f.name)
    if (!byKey.has(k)) byKey.set(k, { name: f.name, types: new Map(), mentions: new Set() })
    const e = byKey.get(k)
    e.types.set(f.type, (e.types.get(f.type) || 0) + 1)
    e.mentions.add(f.name)
  }
  const ents = [...byKey.entries()].map(([key, e]) => ({
    key, name: e.name, mentions: e.mentions,
    type: [...e.types.entries()].sort((a, b) => b[1] - a[1])[0][0],
  }))
  // A lone surname joins the one longer person name ending in it.
  const people = ents.filter(e => e.type === 'person')
  const merged = new Set()
  for (const e of people) {
    if (e.key.includes(' ')) continue
    const hosts = people.filter(p => p !== e && p.key.endsWith(' ' + e.key))
    if (hosts.length !== 1) continue
    for (const m of e.mentions) hosts[0].mentions.add(m)
    merged.add(e)
  }
  return ents.filter(e => !merged.has(e)).map((e, i) => ({
    id: `e${i + 1}`, name: e.name, type: e.type,
    mentions: [...e.mentions].map(text => ({ text })),
  }))
}

const files = process.argv.slice(2)
if (!files.length) {
  process.stderr.write('usage: node extract.mjs FILE.txt... > out.jsonl\n')
  process.exit(2)
}
for (const f of files) {
  const id = path.basename(f).replace(/\.txt$/, '')
  const entities = extract(fs.readFileSync(f, 'utf8'))
  process.stdout.write(JSON.stringify({ article: { id, path: f }, entities, relations: [] }) + '\n')
}
