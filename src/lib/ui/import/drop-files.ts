/**
 * Files from a drop, walking dropped folders recursively (FileSystemEntry API, supported by
 * Chromium, Firefox and Safari). Each file keeps its path inside the folder as its name.
 */
async function entryFiles(entry: FileSystemEntry, prefix: string, out: File[]): Promise<void> {
	if (entry.isFile) {
		const file = await new Promise<File>((resolve, reject) =>
			(entry as FileSystemFileEntry).file(resolve, reject)
		);
		out.push(new File([file], prefix + file.name, { type: file.type }));
		return;
	}
	if (!entry.isDirectory) return;
	const reader = (entry as FileSystemDirectoryEntry).createReader();
	for (;;) {
		const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
			reader.readEntries(resolve, reject)
		);
		if (batch.length === 0) break;
		for (const e of batch) await entryFiles(e, `${prefix}${entry.name}/`, out);
	}
}

export async function dropFiles(dt: DataTransfer): Promise<File[]> {
	const entries = [...dt.items].flatMap((i) => {
		const e = i.kind === 'file' ? i.webkitGetAsEntry() : null;
		return e ? [e] : [];
	});
	if (entries.length === 0) return [...dt.files];
	const out: File[] = [];
	for (const e of entries) await entryFiles(e, '', out);
	return out;
}
