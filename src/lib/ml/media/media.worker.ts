/** The media ML worker: TF.js (wasm) image models, span tagger and audio VAD, off the main thread. */
import { mediaHandlers } from './media-handlers';
import type { MediaPort } from './media-protocol';
import { mediaServe } from './media-serve';

mediaServe(self as unknown as MediaPort, mediaHandlers);
