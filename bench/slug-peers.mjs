// bench/slug-peers.mjs: times the npm slugifiers that bench/sections/tags.lua compares
// broadsheet's core.slug with, on the same labels, and prints JSON.
//
//   node --expose-gc bench/slug-peers.mjs TAGS_FILE SAMPLE_FILE [REPEATS]
//
// TAGS_FILE and SAMPLE_FILE hold one label per line (UTF-8). The packages
// are loaded from bench/node/node_modules, where `npm install --prefix
// bench/node` puts them; they are never a dependency of the rock.
//
// Each package, with its default options (slugify with {lower: true}, which
// is how it is used for tags), gets one untimed pass over all labels (JIT
// warm-up; it also counts empty results and exceptions), then REPEATS timed
// passes (default 5) measured with process.hrtime.bigint, wall clock; the
// median is reported. With --expose-gc a full collection runs before each
// pass, as bench/run does for Lua. Labels a package throws on are left out
// of its timed passes and counted. The sample labels' slugs are returned so
// that the tags section can print them beside core.slug's.
//
// Output (stdout), one JSON object:
//   {"node": "v20...", "repeats": 5, "labels": N, "peers": [
//     {"name": "...", "version": "...", "call": "...", "median_s": 0.5,
//      "times_s": [...], "timed": N, "errors": 0, "first_error": null,
//      "empty": 123, "sample": ["slug", ...]}, ...]}

import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const usage = 'usage: node bench/slug-peers.mjs TAGS_FILE SAMPLE_FILE [REPEATS]';

function die(status, message) {
	process.stderr.write(`bench/slug-peers.mjs: ${message}\n`);
	process.exit(status);
}

const [tagsFile, sampleFile, repeatsArg = '5', extra] = process.argv.slice(2);
const repeats = Number(repeatsArg);
if (!tagsFile || !sampleFile || !Number.isInteger(repeats) || repeats < 1 || extra !== undefined) {
	die(2, usage);
}

// One label per line; the final newline does not start another label.
function readLines(path) {
	const text = readFileSync(path, 'utf8');
	const lines = text.split('\n');
	if (lines.at(-1) === '') {
		lines.pop();
	}

	return lines;
}

const labels = readLines(tagsFile);
const sample = readLines(sampleFile);
if (labels.length === 0) {
	die(1, `${tagsFile}: no labels`);
}

// Packages --------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));
const nodeDir = join(here, 'node');
const requireHere = createRequire(join(nodeDir, 'package.json'));

async function load(name) {
	let path;
	try {
		path = requireHere.resolve(name);
	} catch {
		die(1, `${name} is not installed under bench/node (run: npm install --prefix bench/node)`);
	}

	const module = await import(pathToFileURL(path).href);
	const {version} = JSON.parse(readFileSync(join(nodeDir, 'node_modules', name, 'package.json'), 'utf8'));
	return {fn: module.default, version};
}

const sindre = await load('@sindresorhus/slugify');
const simov = await load('slugify');

const peers = [
	{
		name: '@sindresorhus/slugify',
		version: sindre.version,
		call: 'slugify(s)',
		slug: s => sindre.fn(s),
	},
	{
		name: 'slugify',
		version: simov.version,
		call: 'slugify(s, {lower: true})',
		slug: s => simov.fn(s, {lower: true}),
	},
];

// Timing ----------------------------------------------------------------------

function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

// The total length of the results is kept and checked, so that the engine
// cannot drop the calls as dead code.
function pass(slug, list) {
	let sink = 0;
	for (let i = 0; i < list.length; i++) {
		sink += slug(list[i]).length;
	}

	return sink;
}

const results = [];
for (const peer of peers) {
	// Warm-up pass: also finds the labels the package throws on.
	const ok = [];
	let errors = 0;
	let firstError = null;
	let empty = 0;
	for (const label of labels) {
		try {
			if (peer.slug(label) === '') {
				empty++;
			}

			ok.push(label);
		} catch (error) {
			errors++;
			firstError ??= `${JSON.stringify(label)}: ${error.message}`;
		}
	}

	const times = [];
	let expected = null;
	for (let r = 0; r < repeats; r++) {
		collect();
		const t0 = process.hrtime.bigint();
		const sink = pass(peer.slug, ok);
		const t1 = process.hrtime.bigint();
		times.push(Number(t1 - t0) / 1e9);
		if (expected !== null && sink !== expected) {
			die(1, `${peer.name}: results differ between passes`);
		}

		expected = sink;
	}

	results.push({
		name: peer.name,
		version: peer.version,
		call: peer.call,
		median_s: median(times),
		times_s: times,
		timed: ok.length,
		errors,
		first_error: firstError,
		empty,
		sample: sample.map(label => {
			try {
				return peer.slug(label);
			} catch (error) {
				return {error: error.message};
			}
		}),
	});
}

process.stdout.write(JSON.stringify({
	node: process.version,
	repeats,
	labels: labels.length,
	peers: results,
}) + '\n');
