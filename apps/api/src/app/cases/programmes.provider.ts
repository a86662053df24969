import type { Provider } from '@nestjs/common';
import { ProgrammeRegistry } from '@samsyn/domain';

/** The programmes this deployment runs (D26). A new programme is a new definition in libs/domain. */
export const PROGRAMMES = Symbol('PROGRAMMES');

export const programmesProvider: Provider = {
  provide: PROGRAMMES,
  useFactory: () => new ProgrammeRegistry(),
};
