// y-webrtc imports simple-peer's prebuilt bundle; webrtc/peer-frame.ts hooks the same class's prototype.
declare module 'simple-peer/simplepeer.min.js' {
	const Peer: { prototype: object };
	export default Peer;
}
