/**
 * One audio file's waveform and playback (wavesurfer.js, loaded on first use) with its regions:
 * the time, duration, speed and whether it plays, for the audio-segments tool. The regions
 * mirror the saved segments; dragging on the waveform, moving a region or clicking one is passed
 * on to the segments editor through the callbacks.
 */
import type WaveSurfer from 'wavesurfer.js';
import type RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';

export interface WaveformDeps {
	url(): Promise<string>;
	onDraw(start: number, end: number): void;
	onMove(id: string, start: number, end: number): void;
	onPick(id: string): void;
}

export interface WaveRegion {
	id: string;
	start: number;
	end: number;
	color: string;
	content: string;
}

export class Waveform {
	readonly #d: WaveformDeps;
	#ws: WaveSurfer | undefined;
	#regions: RegionsPlugin | undefined;
	/** Regions being redrawn: their `region-created` events are not drawings. */
	#syncing = false;
	#ready = $state(false);
	#error = $state('');
	#now = $state(0);
	#duration = $state(0);
	#playing = $state(false);
	#rate = $state(1);

	constructor(deps: WaveformDeps) {
		this.#d = deps;
	}

	/** Whether the audio is decoded and can play. */
	get ready(): boolean {
		return this.#ready;
	}

	get error(): string {
		return this.#error;
	}

	/** The current time in seconds. */
	get now(): number {
		return this.#now;
	}

	get duration(): number {
		return this.#duration;
	}

	get playing(): boolean {
		return this.#playing;
	}

	/** Playback speed, 0.25–4. */
	get rate(): number {
		return this.#rate;
	}

	/**
	 * Draws the waveform in `container`; returns its teardown (use as an attachment). Only the
	 * live mount reports: tearing one down mid-load (the attachment re-runs when the item's media
	 * is read anew, as after a reload) aborts its fetch, and that AbortError is no playback error.
	 */
	mount(container: HTMLElement): () => void {
		let live = true;
		let made: WaveSurfer | undefined;
		this.#error = '';
		this.#ready = false;
		const url = this.#d.url();
		void (async () => {
			try {
				const [u, { default: WS }, { default: Regions }] = await Promise.all([
					url,
					import('wavesurfer.js'),
					import('wavesurfer.js/dist/plugins/regions.esm.js')
				]);
				if (!live) return;
				made = WS.create({
					container,
					url: u,
					height: 96,
					waveColor: '#8e8ef5',
					progressColor: '#3b3bb3'
				});
				this.#regions = this.#regionsOn(made.registerPlugin(Regions.create()));
				made.on('ready', (d) => {
					if (!live) return;
					this.#duration = d;
					this.#ready = true;
				});
				made.on('timeupdate', (t) => live && (this.#now = t));
				made.on('play', () => live && (this.#playing = true));
				made.on('pause', () => live && (this.#playing = false));
				made.on('error', (e) => {
					if (live) this.#error = `This audio cannot be played: ${String(e)}`;
				});
				this.#ws = made;
			} catch (e) {
				if (live) this.#error = e instanceof Error ? e.message : String(e);
			}
		})();
		return () => {
			live = false;
			made?.destroy();
			if (this.#ws === made) this.#ws = this.#regions = undefined;
		};
	}

	#regionsOn(r: RegionsPlugin): RegionsPlugin {
		r.enableDragSelection({ color: 'rgba(59, 59, 179, 0.2)' });
		r.on('region-created', (reg) => {
			if (this.#syncing) return;
			reg.remove();
			this.#d.onDraw(reg.start, reg.end);
		});
		r.on('region-updated', (reg) => this.#d.onMove(reg.id, reg.start, reg.end));
		r.on('region-clicked', (reg, e) => {
			e.stopPropagation();
			this.#d.onPick(reg.id);
		});
		return r;
	}

	/** Redraws the regions (once the waveform is ready). */
	regionsShow(list: readonly WaveRegion[]): void {
		const regions = this.#regions;
		if (!this.#ready || !regions) return;
		this.#syncing = true;
		regions.clearRegions();
		for (const r of list) regions.addRegion({ ...r });
		this.#syncing = false;
	}

	/** The playhead's time, read from the player (between `timeupdate` events too). */
	time(): number {
		return this.#ws?.getCurrentTime() ?? 0;
	}

	seek(t: number): void {
		if (!this.#ws || !this.#duration) return;
		this.#ws.setTime(Math.max(0, Math.min(this.#duration, t)));
	}

	rateSet(r: number): void {
		this.#rate = Math.max(0.25, Math.min(4, r));
		this.#ws?.setPlaybackRate(this.#rate);
	}

	toggle(): void {
		void this.#ws?.playPause();
	}
}
