/**
 * Decodes an audio blob to mono PCM in the browser (decodeAudioData on an OfflineAudioContext,
 * which needs no user gesture and plays nothing), averaging the channels.
 */
export interface MonoPcm {
	pcm: Float32Array;
	sampleRate: number;
}

export async function audioDecodeMono(data: ArrayBuffer | Blob): Promise<MonoPcm> {
	const bytes = data instanceof Blob ? await data.arrayBuffer() : data.slice(0);
	const ctx = new OfflineAudioContext(1, 1, 16000);
	let buf: AudioBuffer;
	try {
		buf = await ctx.decodeAudioData(bytes);
	} catch (e) {
		throw new Error(
			`The audio could not be decoded: ${e instanceof Error ? e.message : String(e)}`,
			{ cause: e }
		);
	}
	const pcm = new Float32Array(buf.length);
	for (let c = 0; c < buf.numberOfChannels; c++) {
		const ch = buf.getChannelData(c);
		for (let i = 0; i < pcm.length; i++)
			pcm[i] = (pcm[i] as number) + (ch[i] as number) / buf.numberOfChannels;
	}
	return { pcm, sampleRate: buf.sampleRate };
}
