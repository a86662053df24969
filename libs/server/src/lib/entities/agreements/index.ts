/** Agreement entities (D25). */
export const AGREEMENT_ENTITIES: (new () => object)[] = [];
