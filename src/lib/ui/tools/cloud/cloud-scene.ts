/**
 * The perspective 3D view of a point cloud (three.js, imported only by CloudTool's dynamic
 * import so it never reaches the first load): points with per-point colours and a size, the
 * cuboids as coloured edges (the selected one thicker and white-edged), a ground grid at the
 * frame's lowest height, and orbit / pan / zoom (mouse, touch, and OrbitControls' arrow keys).
 * Renders only when something changes.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Cuboid } from '$lib/core/types';

export interface SceneCuboid {
	c: Cuboid;
	colour: string;
	selected: boolean;
}

export interface CloudScene {
	setColours(rgb: Float32Array): void;
	setPointSize(px: number): void;
	setCuboids(list: readonly SceneCuboid[]): void;
	resize(): void;
	dispose(): void;
}

export function cloudSceneCreate(
	canvas: HTMLCanvasElement,
	positions: Float32Array,
	count: number,
	bounds: { min: [number, number, number]; max: [number, number, number] }
): CloudScene {
	const renderer = new THREE.WebGLRenderer({ canvas, antialias: false });
	renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
	const scene = new THREE.Scene();
	scene.background = new THREE.Color(0x111418);
	const [mn, mx] = [bounds.min, bounds.max];
	const centre = new THREE.Vector3((mn[0] + mx[0]) / 2, (mn[1] + mx[1]) / 2, (mn[2] + mx[2]) / 2);
	const span = Math.max(mx[0] - mn[0], mx[1] - mn[1], mx[2] - mn[2], 1);
	const camera = new THREE.PerspectiveCamera(55, 1, span / 1000, span * 20);
	camera.up.set(0, 0, 1);
	camera.position.set(centre.x - span * 0.6, centre.y - span * 0.6, centre.z + span * 0.5);
	const controls = new OrbitControls(camera, canvas);
	controls.target.copy(centre);
	controls.listenToKeyEvents(canvas);
	controls.update();

	const geometry = new THREE.BufferGeometry();
	geometry.setAttribute('position', new THREE.BufferAttribute(positions.subarray(0, count * 3), 3));
	geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(count * 3), 3));
	const material = new THREE.PointsMaterial({
		size: 2,
		sizeAttenuation: false,
		vertexColors: true
	});
	scene.add(new THREE.Points(geometry, material));

	const grid = new THREE.GridHelper(span * 1.2, 12, 0x3a4450, 0x262d36);
	grid.rotation.x = Math.PI / 2;
	grid.position.set(centre.x, centre.y, mn[2]);
	scene.add(grid);

	const boxes = new THREE.Group();
	scene.add(boxes);
	const unit = new THREE.EdgesGeometry(new THREE.BoxGeometry(1, 1, 1));

	let frame = 0;
	const render = () => {
		frame = 0;
		renderer.render(scene, camera);
	};
	const later = () => {
		if (!frame) frame = requestAnimationFrame(render);
	};
	controls.addEventListener('change', later);

	const resize = () => {
		const w = canvas.clientWidth || 300;
		const h = canvas.clientHeight || 200;
		renderer.setSize(w, h, false);
		camera.aspect = w / h;
		camera.updateProjectionMatrix();
		later();
	};
	resize();

	return {
		setColours(rgb) {
			(geometry.getAttribute('color') as THREE.BufferAttribute).copyArray(rgb);
			geometry.getAttribute('color').needsUpdate = true;
			later();
		},
		setPointSize(px) {
			material.size = px;
			later();
		},
		setCuboids(list) {
			for (const o of boxes.children)
				((o as THREE.LineSegments).material as THREE.Material).dispose();
			boxes.clear();
			for (const { c, colour, selected } of list) {
				const m = new THREE.LineBasicMaterial({ color: selected ? 0xffffff : colour });
				const box = new THREE.LineSegments(unit, m);
				box.position.set(c.x, c.y, c.z);
				box.scale.set(c.l, c.w, c.h);
				box.rotation.z = c.yaw;
				boxes.add(box);
			}
			later();
		},
		resize,
		dispose() {
			if (frame) cancelAnimationFrame(frame);
			controls.dispose();
			geometry.dispose();
			material.dispose();
			unit.dispose();
			for (const o of boxes.children)
				((o as THREE.LineSegments).material as THREE.Material).dispose();
			renderer.dispose();
		}
	};
}
