/** Trygga hem and koordinatorsgrupp entities (issue 6). */
export const TRYGGA_HEM_ENTITIES: (new () => object)[] = [];
