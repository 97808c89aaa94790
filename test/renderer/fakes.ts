// Fakes for the window's stores under Node: a bridge whose every call stays pending until the test
// answers it, and a clock whose timers run only when the test moves time forward.
import {
  IPC_METHODS,
  type IpcEvent,
  type IpcEventContract,
  type SessionDockBridge,
} from '../../src/shared/ipc';
import type { ErrorCode } from '../../src/shared/errors';
import type { Result } from '../../src/shared/result';
import type { Session } from '../../src/shared/domain';
import type { StoreDeps, TimerHandle, Timers } from '../../src/renderer/src/lib/store-deps';

type MethodName = keyof typeof IPC_METHODS;

export interface PendingCall {
  method: MethodName;
  args: unknown[];
  answered: boolean;
  /** Resolves the call with `{ok: true, value}` and lets the store react before returning. */
  ok(value: unknown): Promise<void>;
  /** Resolves the call with `{ok: false, error: {code, message}}`, then settles. */
  fail(code: ErrorCode, message: string): Promise<void>;
}

/** Lets every promise chain that can move on do so (answers, `.then`s, `finally`s). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export class FakeBridge {
  readonly calls: PendingCall[] = [];
  private readonly listeners = new Map<IpcEvent, Set<(payload: never) => void>>();

  readonly api: SessionDockBridge;

  constructor() {
    const api: Record<string, unknown> = {};
    for (const method of Object.keys(IPC_METHODS) as MethodName[]) {
      api[method] = (...args: unknown[]) =>
        new Promise<Result<unknown>>((resolve) => {
          const call: PendingCall = {
            method,
            args,
            answered: false,
            async ok(value) {
              if (call.answered) throw new Error(`${method} answered twice`);
              call.answered = true;
              resolve({ ok: true, value });
              await settle();
            },
            async fail(code, message) {
              if (call.answered) throw new Error(`${method} answered twice`);
              call.answered = true;
              resolve({ ok: false, error: { code, message } });
              await settle();
            },
          };
          this.calls.push(call);
        });
    }
    api.on = (event: IpcEvent, listener: (payload: never) => void) => {
      const set = this.listeners.get(event) ?? new Set();
      set.add(listener);
      this.listeners.set(event, set);
      return () => set.delete(listener);
    };
    this.api = api as unknown as SessionDockBridge;
  }

  /** The calls of one method not answered yet, oldest first. */
  pending(method: MethodName): PendingCall[] {
    return this.calls.filter((call) => call.method === method && !call.answered);
  }

  /** The one unanswered call of `method`; fails the test when there is none or several. */
  only(method: MethodName): PendingCall {
    const pending = this.pending(method);
    if (pending.length !== 1) throw new Error(`expected one pending ${method}, found ${pending.length}`);
    return pending[0]!;
  }

  /** Delivers a main→renderer event to every subscriber, then settles. */
  async emit<E extends IpcEvent>(event: E, payload: IpcEventContract[E]): Promise<void> {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (p: IpcEventContract[E]) => void)(payload);
    await settle();
  }
}

export class FakeClock {
  private current: number;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.UTC(2025, 0, 1, 12)) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  readonly timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = this.nextId++;
      this.due.set(id, { at: this.current + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout: (handle: TimerHandle | undefined) => {
      if (typeof handle === 'number') this.due.delete(handle);
    },
  };

  /** Timers waiting to run. */
  get pendingTimers(): number {
    return this.due.size;
  }

  /** Moves time forward, running each timer that falls due (in order), then settles. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.due)
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.due.delete(next[0]);
      this.current = next[1].at;
      next[1].callback();
      await settle();
    }
    this.current = end;
    await settle();
  }
}

export function fakeDeps(): { bridge: FakeBridge; clock: FakeClock; deps: StoreDeps } {
  const bridge = new FakeBridge();
  const clock = new FakeClock();
  return { bridge, clock, deps: { bridge: bridge.api, timers: clock.timers, now: clock.now } };
}

let sequence = 0;

export function makeSession(overrides: Partial<Session> = {}): Session {
  sequence++;
  return {
    id: `s-${String(sequence).padStart(4, '0')}`,
    title: `Session ${sequence}`,
    kind: 'Ableton',
    status: 'draft',
    accent: 'gradient',
    client: '',
    tags: [],
    notes: '',
    lastOpened: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    projectPath: null,
    projectOriginalPath: null,
    previewStatus: 'none',
    previewUrl: null,
    previewAudioUrl: null,
    previewAudioMime: null,
    preferredPreviewId: null,
    previews: [],
    ...overrides,
  };
}

/** The session as main answers after a patch: the fields changed and a later `updatedAt`. */
export function saved(session: Session, changes: Partial<Session>, at: string): Session {
  return { ...session, ...changes, updatedAt: at };
}
