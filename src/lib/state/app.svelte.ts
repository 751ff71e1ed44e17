/**
 * Device-level state: who I am (display name and annotator id), the projects on this device, and
 * storage usage. One instance per app, shared through context from the root layout.
 */
import { templateFind, templateTasks } from '$lib/core/templates/templates';
import { annotatorIdNew, projectIdNew } from '$lib/core/ids';
import { classificationTaskNew } from '$lib/core/schema';
import type {
	AnnotatorId,
	EpochMs,
	LabelId,
	LabelSchema,
	Member,
	ProjectId,
	TaskId
} from '$lib/core/types';
import type { ProjectSummary, ProjectsRepo } from '$lib/storage/projects-repo';
export type { ProjectSummary };
import type { StorageEstimate } from '$lib/storage/quota';
import type { Identity, SettingsRepo } from '$lib/storage/settings-repo';
import type { ProjectSession } from './project-session.svelte';

export interface AppDeps {
	projects: ProjectsRepo;
	settings: SettingsRepo;
	/** Writes a new project's Y.Doc (meta and schema) and resolves once it is stored. */
	projectDocCreate(init: {
		id: ProjectId;
		name: string;
		description: string;
		created: EpochMs;
		schema: LabelSchema;
		owner?: Member;
	}): Promise<void>;
	projectDocRename(id: ProjectId, name: string): Promise<void>;
	projectDocDelete(id: ProjectId): Promise<void>;
	sessionOpen(id: ProjectId): ProjectSession;
	estimate(): Promise<StorageEstimate>;
	persist(): Promise<boolean>;
	now(): number;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777'];

export class AppState {
	#deps: AppDeps;
	#identity = $state<Identity | undefined>(undefined);
	#projects = $state.raw<ProjectSummary[]>([]);
	#storage = $state.raw<StorageEstimate | undefined>(undefined);
	#loaded = $state(false);
	#error = $state<string | undefined>(undefined);

	constructor(deps: AppDeps) {
		this.#deps = deps;
	}

	/** Who I am on this device; undefined until a display name is set. */
	get identity(): Identity | undefined {
		return this.#identity;
	}

	/** The projects on this device, as the projects page lists them. */
	get projects(): readonly ProjectSummary[] {
		return this.#projects;
	}

	get storage(): StorageEstimate | undefined {
		return this.#storage;
	}

	/** Whether `load()` has finished (identity and projects read). */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Why `load()` failed, for the page to show. */
	get error(): string | undefined {
		return this.#error;
	}

	/** Reads identity and projects; a failure is kept in `error` for the page to show. */
	async load(): Promise<void> {
		try {
			this.#identity = await this.#deps.settings.get<Identity>('identity');
			this.#projects = await this.#deps.projects.list();
			this.#loaded = true;
		} catch (e) {
			this.#error = e instanceof Error ? e.message : String(e);
		}
	}

	async identitySet(name: string): Promise<void> {
		const trimmed = name.trim();
		if (!trimmed) throw new Error('Please enter a display name.');
		const current = this.identity;
		const id: Identity = current
			? { ...current, name: trimmed }
			: {
					annotatorId: annotatorIdNew(),
					name: trimmed,
					color: COLORS[Math.floor(this.#deps.now()) % COLORS.length] ?? '#2563eb'
				};
		await this.#deps.settings.set('identity', id);
		this.#identity = id;
		void this.#deps.persist();
	}

	async projectsRefresh(): Promise<void> {
		this.#projects = await this.#deps.projects.list();
	}

	async projectCreate(input: {
		name: string;
		description: string;
		labels?: string[];
		multi?: boolean;
		/** A `PROJECT_TEMPLATES` id: its tasks, with `labels` on its labelled task. */
		template?: string;
	}): Promise<ProjectId> {
		const name = input.name.trim();
		if (!name) throw new Error('A project needs a name.');
		const id = projectIdNew();
		const created = this.#deps.now() as EpochMs;
		const template = input.template ? templateFind(input.template) : undefined;
		const labels = (input.labels ?? []).map((n, i) => ({ id: `l${i + 1}` as LabelId, name: n }));
		const task = classificationTaskNew({
			id: 'class' as TaskId,
			name: 'Label',
			multi: input.multi ?? false,
			labels
		});
		await this.#deps.projectDocCreate({
			id,
			name,
			description: input.description.trim(),
			created,
			schema: {
				tasks: template ? templateTasks(template, input.labels ?? [], input.multi) : [task]
			},
			owner: this.identity && {
				id: this.identity.annotatorId as AnnotatorId,
				name: this.identity.name,
				color: this.identity.color,
				role: 'owner'
			}
		});
		await this.#deps.projects.put({
			id,
			name,
			description: input.description.trim(),
			created,
			lastActivity: created,
			itemCount: 0,
			labelCount: 0,
			labeledCount: 0
		});
		await this.projectsRefresh();
		return id;
	}

	async projectRename(id: ProjectId, name: string): Promise<void> {
		const trimmed = name.trim();
		if (!trimmed) throw new Error('A project needs a name.');
		await this.#deps.projectDocRename(id, trimmed);
		await this.#deps.projects.update(id, { name: trimmed, lastActivity: this.#deps.now() });
		await this.projectsRefresh();
	}

	async projectDelete(id: ProjectId): Promise<void> {
		await this.#deps.projectDocDelete(id);
		await this.#deps.projects.remove(id);
		await this.projectsRefresh();
	}

	/** Opens a project's session; the caller destroys it. */
	sessionOpen(id: ProjectId): ProjectSession {
		return this.#deps.sessionOpen(id);
	}

	/** Per-device flags and preferences (e.g. guidelines seen), by key. */
	prefGet<T>(key: string): Promise<T | undefined> {
		return this.#deps.settings.get<T>(key);
	}

	prefSet(key: string, value: unknown): Promise<void> {
		return this.#deps.settings.set(key, value);
	}

	async persistRequest(): Promise<void> {
		await this.#deps.persist();
		await this.storageRefresh();
	}

	async storageRefresh(): Promise<void> {
		this.#storage = await this.#deps.estimate();
	}
}
