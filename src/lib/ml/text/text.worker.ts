/** The text-model worker: hashed n-gram classifier on TF.js (wasm), off the main thread. */
import { textHandlersMake } from './handlers';
import { textServe, type TextPort } from './protocol';
import { tfModelIO } from './store';
import { tfReady } from '../tf-setup';

textServe(self as unknown as TextPort, textHandlersMake({ io: tfModelIO, ready: tfReady }));
