import { createContext, untrack } from 'svelte';
import { createApiClient, type ApiClient } from './api.ts';
import type { LoginResponse, User } from './api-types.ts';

const STORAGE_KEY = 'cxl.session';

interface StoredSession {
  token: string;
  expiresAt: string;
  user: User;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredSession>;
  return (
    typeof v.token === 'string' &&
    typeof v.expiresAt === 'string' &&
    typeof v.user?.email === 'string' &&
    Array.isArray(v.user.roles)
  );
}

function expiresAtMs(s: StoredSession): number {
  const ms = Date.parse(s.expiresAt);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * The signed-in user and their bearer token, kept in sessionStorage (per tab, gone when the tab
 * closes). `expired` is set when the API answered 401 or the token's lifetime ran out, so the login
 * page can say why the user is there.
 */
export class Session {
  current: StoredSession | null = $state(null);
  expired = $state(false);
  readonly api: ApiClient;
  #storage: Storage | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(storage: Storage | undefined) {
    this.#storage = storage;
    // Untracked: an effect that calls the API must not re-run because the session object changed.
    this.api = createApiClient({
      token: () => untrack(() => this.token()),
      onUnauthorized: () => this.expire(),
    });
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isStoredSession(parsed) && expiresAtMs(parsed) > Date.now()) this.#set(parsed);
      else storage?.removeItem(STORAGE_KEY);
    } catch {
      storage?.removeItem(STORAGE_KEY);
    }
  }

  get user(): User | null {
    return this.current?.user ?? null;
  }

  /** The bearer token, or null when signed out or past its expiry. */
  token(): string | null {
    const s = this.current;
    if (!s) return null;
    if (expiresAtMs(s) <= Date.now()) {
      this.expire();
      return null;
    }
    return s.token;
  }

  signIn(response: LoginResponse): void {
    this.expired = false;
    this.#set({ token: response.token, expiresAt: response.expiresAt, user: response.user });
    this.#storage?.setItem(STORAGE_KEY, JSON.stringify(this.current));
  }

  /** Replaces the user's roles with what `GET /api/me` reports. */
  refreshUser(user: User): void {
    if (!this.current) return;
    const same =
      this.current.user.email === user.email && this.current.user.roles.join() === user.roles.join();
    if (same) return;
    this.current = { ...this.current, user };
    this.#storage?.setItem(STORAGE_KEY, JSON.stringify(this.current));
  }

  signOut(): void {
    this.#clear();
    this.expired = false;
  }

  /** Ends the session because the server no longer accepts it. */
  expire(): void {
    if (!this.current) return;
    this.#clear();
    this.expired = true;
  }

  #set(s: StoredSession): void {
    this.current = s;
    clearTimeout(this.#timer);
    // setTimeout overflows past ~24.8 days; such a token is re-checked on every API call anyway.
    const delay = Math.min(expiresAtMs(s) - Date.now(), 2 ** 31 - 1);
    this.#timer = setTimeout(() => this.expire(), delay);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.current = null;
    this.#storage?.removeItem(STORAGE_KEY);
  }
}

export const [getSession, setSession] = createContext<Session>();
