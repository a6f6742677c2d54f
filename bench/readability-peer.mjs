// bench/readability-peer.mjs: the HTML peer bench/run measures
// broadsheet.parse_html against: @mozilla/readability over linkedom's DOM,
// on the same pages, in the same run.
//
//   node --expose-gc bench/readability-peer.mjs LIST_FILE [ROUNDS]
//
// LIST_FILE names one HTML file per line. The pages are read into memory
// first; one untimed pass warms the JIT up, then ROUNDS timed passes
// (default 5, wall clock by process.hrtime.bigint, a full collection before
// each when --expose-gc is given). Prints one JSON object: the versions,
// the per-pass seconds and how many pages gave an article.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(new URL('./node/', import.meta.url));
const {Readability} = require('@mozilla/readability');
const {parseHTML} = require('linkedom');

const [listFile, roundsArg = '5'] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!listFile || !Number.isInteger(rounds) || rounds < 1) {
	process.stderr.write('usage: node bench/readability-peer.mjs LIST_FILE [ROUNDS]\n');
	process.exit(2);
}
const pages = readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map(path => readFileSync(path, 'utf8'));

function pass() {
	let articles = 0;
	for (const html of pages) {
		const {document} = parseHTML(html);
		if (new Readability(document).parse()) articles += 1;
	}
	return articles;
}

const articles = pass();
const times = [];
for (let i = 0; i < rounds; i += 1) {
	if (globalThis.gc) globalThis.gc();
	const start = process.hrtime.bigint();
	pass();
	times.push(Number(process.hrtime.bigint() - start) / 1e9);
}
const version = name => require(`${name}/package.json`).version;
process.stdout.write(JSON.stringify({
	node: process.version, readability: version('@mozilla/readability'), linkedom: version('linkedom'),
	pages: pages.length, articles, times_s: times,
}) + '\n');
