/**
 * Who is subscribed to what. Presence membership counts users, not connections: a user with
 * two tabs is one member, added with the first subscription and removed with the last.
 */
import { frame } from "./frames";

export type Subscriber = { socketId: string; send(raw: string): void; close(code: number, reason: string): void; userId?: string };
export type Member = { user_id: string; user_info?: unknown };

export class ChannelRegistry {
  private readonly channels = new Map<string, Map<Subscriber, Member | null>>();
  /** Connections that signed in (`pusher:signin`), by user id: what terminate_connections closes. */
  private readonly users = new Map<string, Set<Subscriber>>();

  signIn(subscriber: Subscriber, userId: string): void {
    if (subscriber.userId) this.users.get(subscriber.userId)?.delete(subscriber);
    subscriber.userId = userId;
    let connections = this.users.get(userId);
    if (!connections) this.users.set(userId, (connections = new Set()));
    connections.add(subscriber);
  }

  /** Closes every connection signed in as the user; returns how many. */
  terminateUser(userId: string, code: number, reason: string): number {
    const connections = [...(this.users.get(userId) ?? [])];
    for (const subscriber of connections) {
      this.disconnect(subscriber);
      subscriber.close(code, reason);
    }
    return connections.length;
  }

  /** A closed connection leaves its channels and its user. */
  disconnect(subscriber: Subscriber): void {
    this.unsubscribeAll(subscriber);
    if (!subscriber.userId) return;
    const connections = this.users.get(subscriber.userId);
    connections?.delete(subscriber);
    if (connections?.size === 0) this.users.delete(subscriber.userId);
  }

  isSubscribed(channel: string, subscriber: Subscriber): boolean {
    return this.channels.get(channel)?.has(subscriber) ?? false;
  }

  /** Adds the subscriber; for presence, announces a new member to everyone else. */
  subscribe(channel: string, subscriber: Subscriber, member: Member | null): void {
    let subscribers = this.channels.get(channel);
    if (!subscribers) this.channels.set(channel, (subscribers = new Map()));
    if (subscribers.has(subscriber)) return;
    const newMember = member !== null && !this.hasMember(subscribers, member.user_id);
    subscribers.set(subscriber, member);
    if (newMember) this.sendToOthers(subscribers, subscriber, frame("pusher_internal:member_added", member, { channel }));
  }

  unsubscribe(channel: string, subscriber: Subscriber): void {
    const subscribers = this.channels.get(channel);
    const member = subscribers?.get(subscriber);
    if (!subscribers || member === undefined) return;
    subscribers.delete(subscriber);
    if (subscribers.size === 0) this.channels.delete(channel);
    else if (member && !this.hasMember(subscribers, member.user_id)) {
      this.sendToOthers(subscribers, subscriber, frame("pusher_internal:member_removed", { user_id: member.user_id }, { channel }));
    }
  }

  unsubscribeAll(subscriber: Subscriber): void {
    for (const channel of [...this.channels.keys()]) this.unsubscribe(channel, subscriber);
  }

  presence(channel: string): { ids: string[]; hash: Record<string, unknown>; count: number } {
    const hash: Record<string, unknown> = {};
    for (const member of this.channels.get(channel)?.values() ?? []) if (member) hash[member.user_id] = member.user_info ?? null;
    const ids = Object.keys(hash);
    return { ids, hash, count: ids.length };
  }

  /** Sends an already-encoded frame to every subscriber but the one with `exceptSocketId`. */
  publish(channel: string, raw: string, exceptSocketId?: string): number {
    let sent = 0;
    for (const subscriber of this.channels.get(channel)?.keys() ?? []) {
      if (subscriber.socketId === exceptSocketId) continue;
      subscriber.send(raw);
      sent++;
    }
    return sent;
  }

  private hasMember(subscribers: Map<Subscriber, Member | null>, userId: string): boolean {
    for (const member of subscribers.values()) if (member?.user_id === userId) return true;
    return false;
  }

  private sendToOthers(subscribers: Map<Subscriber, Member | null>, except: Subscriber, raw: string): void {
    for (const subscriber of subscribers.keys()) if (subscriber !== except) subscriber.send(raw);
  }
}
