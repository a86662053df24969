/** SIP entities (issue 4). */
export const SIP_ENTITIES: (new () => object)[] = [];
