// Every server error has a text in both languages.
//
// The Go code gives each error a stable message key (extensions.key), and the
// web app shows errors:key.<key> (lib/errors.ts). This test reads the Go
// sources (every non-test .go file of the repository outside frontend/),
// finds every key the server can send, and checks that en and zh-CN
// errors.json both have a text for it, and a label for every literal field
// name (errors:field.<field>). A new server error without a translation fails
// here, with the missing keys listed.
//
// How keys are found (a small Go lexer, no Go toolchain needed):
//  1. The one place an error is made is the composite literal rungs.Error{Key:
//     …, Field: …, Message: …}. A function whose key, field or message comes
//     from its own parameters (rungs.Errorf, rungs.FieldError, Validation.Add
//     and Check, and the packages' own notFound, forbidden, checkText …)
//     becomes a sink itself, its key a template (what + ".not_found"); its
//     callers fill the template in, to a fixpoint. Package-level constants
//     (keyPasswordWeak = "auth.password_weak") are resolved; local variables
//     are not.
//  2. A dotted key literal passed right before a message literal
//     (probs.add(line, col, "kpi.import.date.invalid", "%q is not …")) is a key
//     too: this catches helpers that keep the key in a struct first.
//  3. Keys written outside rungs.Error: "key": "…" entries of maps and of JSON
//     in raw strings, and the values of maps named …Keys (graph/handler.go's
//     protocolKeys for gqlgen's own errors).
// A key expression the scanner cannot resolve (a local variable, a computed
// string) fails the test with its file and line, so nothing is skipped
// silently; passing on another error's key (e.Key, p.key) is fine, and a call
// choosing the key (keyOf(err, "auth.password_weak")) counts its literals.
//
// ERRORKEYS_DUMP=/tmp/keys.json npx vitest run src/i18n/errorkeys.test.ts
// writes every key with its English messages and every field, for translators.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const here = import.meta.url.startsWith('file:') ? dirname(fileURLToPath(import.meta.url)) : resolve(process.cwd(), 'src/i18n');
const frontend = resolve(here, '../..');
const repo = resolve(frontend, '..');

// ---------------------------------------------------------------- Go lexer

type Tok =
  | { k: 'str'; v: string; raw: boolean; line: number }
  | { k: 'id'; v: string; line: number }
  | { k: 'num'; v: string; line: number }
  | { k: 'p'; v: string; line: number }
  | { k: 'nl'; v: '\n'; line: number };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      if (out.length && out[out.length - 1].k !== 'nl') out.push({ k: 'nl', v: '\n', line });
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let j = i; j < stop; j++) if (src[j] === '\n') line++;
      i = stop;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < n && src[i] !== '"' && src[i] !== '\n') {
        if (src[i] === '\\') {
          const e = src[i + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === '"' || e === '\\' ? e : '\\' + e;
          i += 2;
        } else v += src[i++];
      }
      i++;
      out.push({ k: 'str', v, raw: false, line });
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const stop = end < 0 ? n : end;
      const v = src.slice(i + 1, stop);
      out.push({ k: 'str', v, raw: true, line });
      for (const ch of v) if (ch === '\n') line++;
      i = stop + 1;
    } else if (c === "'") {
      i++;
      while (i < n && src[i] !== "'" && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      i++;
      out.push({ k: 'num', v: 'rune', line });
    } else if (/[A-Za-z_\u00c0-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_\u00c0-\uffff]/.test(src[j])) j++;
      out.push({ k: 'id', v: src.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j])) j++;
      out.push({ k: 'num', v: src.slice(i, j), line });
      i = j;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const v = three === '...' ? three : [':=', '&&', '||', '==', '!=', '<=', '>=', '<-', '++', '--', '+=', '-='].includes(two) ? two : c;
      out.push({ k: 'p', v, line });
      i += v.length;
    }
  }
  return out;
}

// ---------------------------------------------------------------- model

interface GoFile {
  path: string; // relative to the repository
  dir: string;
  pkg: string; // the package clause's name
  toks: Tok[]; // without newlines
  match: Map<number, number>; // bracket pairs, by index into toks
}

interface Func {
  file: GoFile;
  name: string;
  method: boolean; // has a receiver, or is a closure called like one
  params: string[];
  body: [number, number]; // toks indices of { and }
  scope?: [number, number]; // closures: the enclosing body they are visible in
}

/** A piece of a string built at run time. */
type Part = { lit: string } | { param: string; fn: Func } | { unknown: string };
type Sym = Part[];

interface Template {
  key: Sym;
  field: Sym | null;
  msg: Sym | null;
}

/** What a sink does with its arguments: key/field/msg are templates over its parameter indices. */
interface Sink {
  name: string;
  templates: { key: TSym; field: TSym | null; msg: TSym | null }[];
}
type TPart = { lit: string } | { arg: number } | { unknown: string };
type TSym = TPart[];

const KEY = /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const DOTTED_KEY = /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$/;
const KEYWORDS = new Set(['if', 'for', 'switch', 'func', 'return', 'go', 'defer', 'select', 'case', 'range', 'else', 'var', 'const', 'type', 'map', 'chan', 'struct', 'interface']);

function goFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.') || name === 'node_modules' || name === 'vendor' || name === 'testdata') continue;
      const p = join(d, name);
      if (p === frontend) continue;
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.go') && !name.endsWith('_test.go')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

function loadFile(abs: string): GoFile {
  const all = lex(readFileSync(abs, 'utf8'));
  const toks = all.filter((t) => t.k !== 'nl');
  const match = new Map<number, number>();
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (t.k !== 'p') return;
    if (t.v === '(' || t.v === '[' || t.v === '{') stack.push(i);
    else if (t.v === ')' || t.v === ']' || t.v === '}') {
      const o = stack.pop();
      if (o !== undefined) {
        match.set(o, i);
        match.set(i, o);
      }
    }
  });
  const path = relative(repo, abs);
  const clause = toks.findIndex((t) => isId(t, 'package'));
  return { path, dir: dirname(path), pkg: clause >= 0 ? toks[clause + 1].v : '', toks, match };
}

const isP = (t: Tok | undefined, v: string) => !!t && t.k === 'p' && t.v === v;
const isId = (t: Tok | undefined, v?: string) => !!t && t.k === 'id' && (v === undefined || t.v === v);

/** Splits toks[from, to) at top-level commas. */
function splitArgs(f: GoFile, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const t = f.toks[i];
    if (t.k === 'p' && (t.v === '(' || t.v === '[' || t.v === '{')) i = f.match.get(i) ?? i;
    else if (isP(t, ',')) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) out.push([start, to]);
  return out;
}

function paramNames(f: GoFile, open: number): string[] {
  const close = f.match.get(open)!;
  const parts = splitArgs(f, open + 1, close);
  const named = parts.some(([a, b]) => b - a >= 2);
  return named ? parts.map(([a]) => (f.toks[a].k === 'id' ? f.toks[a].v : '_')) : parts.map(() => '_');
}

/** Skips a result type after a parameter list; returns the index of the body's {, or -1. */
function bodyAfter(f: GoFile, i: number): number {
  const t = f.toks;
  if (isP(t[i], '{')) return i;
  if (isP(t[i], '(')) {
    const j = f.match.get(i)! + 1;
    return isP(t[j], '{') ? j : -1;
  }
  while (i < t.length) {
    const x = t[i];
    if (x.k === 'id' && x.v !== 'struct' && x.v !== 'interface') {
      if (x.v === 'func' && isP(t[i + 1], '(')) {
        i = f.match.get(i + 1)! + 1;
        if (isP(t[i], '(')) i = f.match.get(i)! + 1;
        continue;
      }
      i++;
    } else if (isP(x, '.') || isP(x, '*')) i++;
    else if (isP(x, '[')) i = f.match.get(i)! + 1;
    else break;
  }
  // A func type ends at a newline in the original text: only a { on the
  // same line as the signature's end opens a body.
  return isP(t[i], '{') && t[i].line === t[i - 1].line ? i : -1;
}

function findFuncs(f: GoFile): Func[] {
  const out: Func[] = [];
  const literals = new Set<Func>();
  const t = f.toks;
  for (let i = 0; i < t.length; i++) {
    if (!isId(t[i], 'func')) continue;
    let j = i + 1;
    let method = false;
    let name = '';
    if (isP(t[j], '(') && isId(t[f.match.get(j)! + 1]) && isP(t[f.match.get(j)! + 2], '(')) {
      method = true; // func (r T) Name(
      j = f.match.get(j)! + 1;
    }
    if (isId(t[j]) && isP(t[j + 1], '(')) {
      name = t[j].v;
      j++;
    } else if (isP(t[j], '(') && !method) {
      // A literal: name it after what it is assigned to.
      if ((isP(t[i - 1], ':=') || isP(t[i - 1], '=')) && isId(t[i - 2])) name = t[i - 2].v;
    } else continue;
    const params = paramNames(f, j);
    const b = bodyAfter(f, f.match.get(j)! + 1);
    if (b < 0) continue;
    const fn: Func = { file: f, name, method, params, body: [b, f.match.get(b)!] };
    out.push(fn);
    if (t[j - 1] === t[i]) literals.add(fn);
  }
  // Closures are visible inside the function that holds them.
  for (const fn of out) {
    if (!literals.has(fn)) continue;
    const holder = out.filter((o) => o !== fn && o.body[0] < fn.body[0] && fn.body[1] < o.body[1]).sort((a, b) => b.body[0] - a.body[0])[0];
    if (holder) fn.scope = holder.body;
  }
  return out;
}

// ---------------------------------------------------------------- scan

interface Found {
  keys: Map<string, Set<string>>; // key → English messages
  fields: Map<string, Set<string>>; // literal field → keys it appears with
  dynamicFields: Map<string, string>; // pattern → where
  unresolved: string[];
}

function scan(): Found {
  const files = goFiles(repo).map(loadFile);
  const funcs = files.flatMap(findFuncs);
  const funcsByFile = new Map<GoFile, Func[]>();
  for (const fn of funcs) funcsByFile.set(fn.file, [...(funcsByFile.get(fn.file) ?? []), fn]);

  // Constants: NAME = "literal" (const or package-level var, alone on its
  // line), per directory. Local variables are not followed.
  const consts = new Map<string, Set<string>>();
  for (const f of files) {
    const t = f.toks;
    const bodies = (funcsByFile.get(f) ?? []).map((fn) => fn.body);
    for (let i = 0; i + 2 < t.length; i++) {
      if (!(t[i].k === 'id' && isP(t[i + 1], '=') && t[i + 2].k === 'str')) continue;
      const after = t[i + 3];
      if (after && after.line === t[i + 2].line && !isP(after, ')') && !isP(after, ';')) continue;
      if (bodies.some(([a, b]) => a < i && i < b)) continue;
      const k = `${f.dir}\0${t[i].v}`;
      consts.set(k, (consts.get(k) ?? new Set()).add(t[i + 2].v));
    }
  }

  const found: Found = { keys: new Map(), fields: new Map(), dynamicFields: new Map(), unresolved: [] };
  const addKey = (key: string, msg?: string) => {
    const s = found.keys.get(key) ?? new Set<string>();
    if (msg) s.add(msg);
    found.keys.set(key, s);
  };

  const enclosing = (f: GoFile, i: number): Func[] =>
    (funcsByFile.get(f) ?? []).filter((fn) => fn.body[0] < i && i < fn.body[1]).sort((a, b) => b.body[0] - a.body[0]);

  /** Evaluates toks[a, b) as a string built of literals, parameters and constants. */
  function evalExpr(f: GoFile, a: number, b: number, asMessage = false): Sym {
    const t = f.toks;
    if (a >= b) return [{ unknown: '' }];
    // fmt.Sprintf(format, …) as a message is its format.
    if (asMessage && isId(t[a], 'fmt') && isP(t[a + 1], '.') && isId(t[a + 2], 'Sprintf') && f.match.get(a + 3) === b - 1) {
      const [first] = splitArgs(f, a + 4, b - 1);
      return evalExpr(f, first[0], first[1], true);
    }
    const terms: [number, number][] = [];
    let start = a;
    for (let i = a; i < b; i++) {
      if (t[i].k === 'p' && (t[i].v === '(' || t[i].v === '[' || t[i].v === '{')) i = f.match.get(i) ?? i;
      else if (isP(t[i], '+')) {
        terms.push([start, i]);
        start = i + 1;
      }
    }
    terms.push([start, b]);
    const out: Sym = [];
    for (const [x, y] of terms) {
      const text = t
        .slice(x, y)
        .map((k) => (k.k === 'str' ? JSON.stringify(k.v) : k.v))
        .join('');
      if (y - x === 1 && t[x].k === 'str') out.push({ lit: t[x].v });
      else if (y - x === 1 && t[x].k === 'id') {
        const name = t[x].v;
        const owner = enclosing(f, x).find((fn) => fn.params.includes(name));
        const c = consts.get(`${f.dir}\0${name}`);
        if (owner) out.push({ param: name, fn: owner });
        else if (c && c.size === 1) out.push({ lit: [...c][0] });
        else out.push({ unknown: text });
      } else out.push({ unknown: text });
    }
    return out;
  }

  const sinks = new Map<Func, Sink>();
  const sinkFor = (fn: Func) => {
    let s = sinks.get(fn);
    if (!s) sinks.set(fn, (s = { name: fn.name, templates: [] }));
    return s;
  };

  interface Site {
    file: GoFile;
    at: number; // index of the callee's identifier, or of "Error" in Error{
    args: [number, number][];
    callee: Func[] | 'error';
  }

  // rungs.Error{…} literals.
  const sites: Site[] = [];
  for (const f of files) {
    const t = f.toks;
    const inRungs = f.pkg === 'rungs';
    for (let i = 0; i < t.length; i++) {
      if (!(isId(t[i], 'Error') && isP(t[i + 1], '{'))) continue;
      const qualified = isP(t[i - 1], '.') && isId(t[i - 2], 'rungs');
      if (!qualified && !(inRungs && !isP(t[i - 1], '.'))) continue;
      sites.push({ file: f, at: i, args: splitArgs(f, i + 2, f.match.get(i + 1)!), callee: 'error' });
    }
  }

  // Calls of functions: resolved to their declarations by name.
  const byName = new Map<string, Func[]>();
  for (const fn of funcs) if (fn.name) byName.set(fn.name, [...(byName.get(fn.name) ?? []), fn]);
  for (const f of files) {
    const t = f.toks;
    for (let i = 0; i < t.length; i++) {
      if (!(t[i].k === 'id' && isP(t[i + 1], '(') && !KEYWORDS.has(t[i].v))) continue;
      if (isId(t[i - 1], 'func') || (isP(t[i - 1], ')') && isId(t[f.match.get(i - 1)! - 1], 'func'))) continue; // a declaration
      const cands = byName.get(t[i].v) ?? [];
      const qualifier = isP(t[i - 1], '.') && isId(t[i - 2]) && !isP(t[i - 3], '.') ? t[i - 2].v : null;
      const selector = isP(t[i - 1], '.');
      let callee: Func[];
      const local = cands.filter((c) => c.file.dir === f.dir && (!c.scope || (c.file === f && c.scope[0] < i && i < c.scope[1])));
      if (!selector) callee = local.filter((c) => !c.method);
      else {
        const pkg = cands.filter((c) => !c.method && !c.scope && qualifier !== null && c.file.pkg === qualifier);
        const methods = cands.filter((c) => c.method);
        const sameDir = methods.filter((c) => c.file.dir === f.dir);
        callee = pkg.length ? pkg : sameDir.length ? sameDir : methods;
      }
      if (!callee.length) continue;
      sites.push({ file: f, at: i, args: splitArgs(f, i + 2, f.match.get(i + 1)!), callee });
    }
  }

  const where = (f: GoFile, i: number) => `${f.path}:${f.toks[i].line}`;

  /** Fills a template in with a site's arguments, in the caller's terms. */
  const fill = (site: Site, tsym: TSym | null, asMessage: boolean): Sym | null => {
    if (!tsym) return null;
    const out: Sym = [];
    for (const p of tsym) {
      if ('arg' in p) {
        const a = site.args[p.arg];
        if (!a) return null; // fewer arguments: not this sink
        out.push(...evalExpr(site.file, a[0], a[1], asMessage));
      } else out.push(p);
    }
    return out;
  };

  const templatesAt = (site: Site): Template[] => {
    if (site.callee === 'error') {
      const fields: Record<string, [number, number]> = {};
      for (const [a, b] of site.args) if (isId(site.file.toks[a]) && isP(site.file.toks[a + 1], ':')) fields[site.file.toks[a].v] = [a + 2, b];
      if (!fields.Key) return [];
      const ev = (n: string, m = false) => (fields[n] ? evalExpr(site.file, fields[n][0], fields[n][1], m) : null);
      return [{ key: ev('Key')!, field: ev('Field'), msg: ev('Message', true) }];
    }
    const out: Template[] = [];
    for (const fn of site.callee) {
      const s = sinks.get(fn);
      if (!s) continue;
      for (const tp of s.templates) {
        const key = fill(site, tp.key, false);
        if (!key) continue;
        out.push({ key, field: fill(site, tp.field, false), msg: fill(site, tp.msg, true) });
      }
    }
    return out;
  };

  const toT = (fn: Func, sym: Sym | null): TSym | null =>
    sym && sym.map((p) => ('param' in p ? (p.fn === fn ? { arg: fn.params.indexOf(p.param) } : { unknown: p.param }) : p));
  const sig = (x: unknown) => JSON.stringify(x);
  const hasParam = (s: Sym | null) => !!s && s.some((p) => 'param' in p);

  // Fixpoint: helpers whose key, field or message come from their parameters become sinks.
  for (let changed = true; changed; ) {
    changed = false;
    for (const site of sites) {
      for (const tp of templatesAt(site)) {
        const owners = new Set([...tp.key, ...(tp.field ?? []), ...(tp.msg ?? [])].flatMap((p) => ('param' in p ? [p.fn] : [])));
        for (const fn of owners) {
          const s = sinkFor(fn);
          const nt = { key: toT(fn, tp.key)!, field: toT(fn, tp.field), msg: toT(fn, tp.msg) };
          if (!s.templates.some((x) => sig(x) === sig(nt))) {
            s.templates.push(nt);
            changed = true;
          }
        }
      }
    }
  }

  const show = (s: Sym) => s.map((p) => ('lit' in p ? JSON.stringify(p.lit) : 'unknown' in p ? p.unknown : p.param)).join(' + ');
  const litOf = (s: Sym | null) => (s && s.every((p) => 'lit' in p) ? s.map((p) => (p as { lit: string }).lit).join('') : null);

  for (const site of sites) {
    for (const tp of templatesAt(site)) {
      if (hasParam(tp.key)) continue; // the callers fill it in
      const key = litOf(tp.key);
      const msg = litOf(tp.msg) ?? undefined;
      const keysHere: string[] = [];
      if (key === null) {
        const text = show(tp.key);
        // A function choosing the key (keyOf(err, "auth.password_weak")):
        // its key literals are keys, the rest is passed on.
        const chosen = /^[A-Za-z_][A-Za-z0-9_.]*\(.*\)$/.test(text) ? [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]).filter((k) => DOTTED_KEY.test(k)) : [];
        keysHere.push(...chosen);
        // Passing on the key of another error (e.Key, p.key) makes none.
        if (!chosen.length && !/^[A-Za-z_][A-Za-z0-9_.]*\.[Kk]ey$/.test(text)) found.unresolved.push(`${where(site.file, site.at)}: key ${text}`);
      } else if (!KEY.test(key)) found.unresolved.push(`${where(site.file, site.at)}: odd key ${JSON.stringify(key)}`);
      else {
        keysHere.push(key);
        addKey(key, msg);
      }
      keysHere.forEach((k) => addKey(k));
      if (tp.field && !hasParam(tp.field)) {
        const field = litOf(tp.field);
        if (field === null) found.dynamicFields.set(show(tp.field), where(site.file, site.at));
        else if (field !== '') found.fields.set(field, new Set([...(found.fields.get(field) ?? []), ...(keysHere.length ? keysHere : ['(passed on)'])]));
      }
    }
  }

  // 2. A dotted key literal right before a message literal, in any call.
  // 3. "key": "…" entries, JSON in raw strings, maps named …Keys.
  for (const f of files) {
    const t = f.toks;
    for (let i = 0; i < t.length; i++) {
      const x = t[i];
      if (x.k !== 'str') continue;
      if (DOTTED_KEY.test(x.v) && (isP(t[i - 1], ',') || isP(t[i - 1], '(')) && isP(t[i + 1], ',') && t[i + 2]?.k === 'str' && /[ %]/.test(t[i + 2].v))
        addKey(x.v, t[i + 2].v);
      if (x.v === 'key' && !x.raw && isP(t[i + 1], ':') && t[i + 2]?.k === 'str' && KEY.test(t[i + 2].v)) addKey(t[i + 2].v);
      if (x.raw) for (const m of x.v.matchAll(/"key"\s*:\s*"([a-z][a-z0-9_.]*)"/g)) addKey(m[1]);
    }
    for (let i = 0; i < t.length; i++) {
      if (!(isId(t[i]) && /Keys$/.test(t[i].v) && isP(t[i + 1], '=') && isId(t[i + 2], 'map'))) continue;
      let j = i + 3;
      while (j < t.length && !isP(t[j], '{')) j = isP(t[j], '[') ? f.match.get(j)! + 1 : j + 1;
      for (const [a, b] of splitArgs(f, j + 1, f.match.get(j)!)) if (b - a === 3 && isP(t[a + 1], ':') && t[a + 2].k === 'str') addKey(t[a + 2].v);
    }
  }
  return found;
}

// ---------------------------------------------------------------- texts

const locale = (lang: string) => JSON.parse(readFileSync(join(frontend, 'src/locales', lang, 'errors.json'), 'utf8')) as Record<string, unknown>;

function lookup(o: unknown, path: string): unknown {
  for (const part of path.split('.')) {
    if (!o || typeof o !== 'object') return undefined;
    o = (o as Record<string, unknown>)[part];
  }
  return o;
}

const found = scan();
const keys = [...found.keys.keys()].sort();
// i18next cannot hold "a.b" as a text and as the parent of "a.b.c": the
// longer key gets the text, the shorter one falls back to the code's text.
const prefixes = keys.filter((k) => keys.some((o) => o.startsWith(k + '.')));
const fields = [...found.fields.keys()].sort();

if (process.env.ERRORKEYS_DUMP) {
  writeFileSync(
    process.env.ERRORKEYS_DUMP,
    JSON.stringify(
      {
        keys: Object.fromEntries(keys.map((k) => [k, [...found.keys.get(k)!]])),
        fields: Object.fromEntries(fields.map((f) => [f, [...found.fields.get(f)!]])),
        dynamicFields: Object.fromEntries(found.dynamicFields),
        prefixes,
        unresolved: found.unresolved,
      },
      null,
      2,
    ),
  );
}

test('the scanner finds the server errors', () => {
  expect(found.unresolved, `key expressions the scanner cannot resolve:\n${found.unresolved.join('\n')}\n`).toEqual([]);
  // A broken scanner must not pass by finding nothing.
  expect(keys.length).toBeGreaterThan(500);
  expect(fields.length).toBeGreaterThan(80);
  for (const k of ['people.email.taken', 'auth.invalid_credentials', 'auth.password_weak', 'query.too_deep', 'request.too_large', 'internal', 'not_found', 'employee.not_found', 'assessment.title_en.required', 'kpi.import.date.invalid', 'promotion.transition'])
    expect(keys).toContain(k);
  expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'newPassword', 'employeeNumber']));
});

test.each(['en', 'zh-CN'])('every server error key has a text in %s', (lang) => {
  const data = locale(lang);
  const missing = keys.filter((k) => !prefixes.includes(k) && typeof lookup(data, `key.${k}`) !== 'string');
  expect(missing, `keys without a text in ${lang}/errors.json ("key" section):\n${missing.join('\n')}\n`).toEqual([]);
});

test.each(['en', 'zh-CN'])('every input field named by a server error has a label in %s', (lang) => {
  const data = locale(lang);
  const missing = fields.filter((f) => typeof lookup(data, `field.${f}`) !== 'string');
  expect(missing, `fields without a label in ${lang}/errors.json ("field" section):\n${missing.join('\n')}\n`).toEqual([]);
});

test('no stale texts: every key in errors.json is one the server sends', () => {
  const known = new Set(keys);
  const stale: string[] = [];
  const walk = (o: unknown, p: string) => {
    if (typeof o === 'string') {
      if (!known.has(p)) stale.push(p);
    } else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, p ? `${p}.${k}` : k);
  };
  walk(locale('en').key, '');
  expect(stale, `texts in en/errors.json for keys the server no longer sends:\n${stale.join('\n')}\n`).toEqual([]);
});
