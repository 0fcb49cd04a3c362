export type ComponentState = 'healthy' | 'unhealthy' | 'embedded';

export interface ReadinessComponent {
  readonly name: string;
  /** Absent for a component served in-process (embedded mode): reported as `embedded`. */
  readonly ping?: () => Promise<void>;
}

export interface Readiness {
  readonly ready: boolean;
  readonly components: Readonly<Record<string, ComponentState>>;
}

/** Asks every dependency whether it answers, all at once, each within `timeoutMs`. */
export class CheckReadiness {
  readonly #components: readonly ReadinessComponent[];
  readonly #timeoutMs: number;

  constructor(components: readonly ReadinessComponent[], timeoutMs = 2_000) {
    this.#components = components;
    this.#timeoutMs = timeoutMs;
  }

  async execute(): Promise<Readiness> {
    const states = await Promise.all(this.#components.map((component) => this.#probe(component)));
    const components = Object.fromEntries(this.#components.map((c, i) => [c.name, states[i] as ComponentState]));
    return { ready: states.every((state) => state !== 'unhealthy'), components };
  }

  async #probe(component: ReadinessComponent): Promise<ComponentState> {
    if (!component.ping) return 'embedded';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), this.#timeoutMs);
    });
    try {
      await Promise.race([component.ping(), timeout]);
      return 'healthy';
    } catch {
      return 'unhealthy';
    } finally {
      clearTimeout(timer);
    }
  }
}
