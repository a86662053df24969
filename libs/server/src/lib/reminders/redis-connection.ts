import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ connection options for REDIS_URL. BullMQ creates (and closes) its own ioredis clients
 * from them. Workers block on Redis and must retry forever (`maxRetriesPerRequest: null`); a
 * producer in an HTTP request fails fast instead, because the reconciler re-adds what it missed.
 */
export function bullConnection(url: string, role: 'worker' | 'producer'): ConnectionOptions {
  return role === 'worker'
    ? { url, maxRetriesPerRequest: null }
    : { url, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}
