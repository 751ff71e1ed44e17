/** Loads an image to learn its size before it is shown (the tools work in image pixels). */
export async function imageLoad(
	url: Promise<string>
): Promise<{ url: string; w: number; h: number }> {
	const u = await url;
	const img = new Image();
	await new Promise<void>((resolve, reject) => {
		img.onload = () => resolve();
		img.onerror = () => reject(new Error('This image cannot be shown.'));
		img.src = u;
	});
	return { url: u, w: img.naturalWidth, h: img.naturalHeight };
}
