import { Injectable, computed, inject, signal } from '@angular/core';
import { OrganisationType, type OrganisationDto, type ProgrammeDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../api/cases-api.service';
import { DirectoryApi } from '../api/directory-api.service';
import { MAX_PAGE_SIZE } from '../api/paging';

/**
 * Programmes and organisations: configuration that changes rarely, fetched once per visit and
 * shared by every page (filters, the wizard, consent recipients, team pickers).
 */
@Injectable({ providedIn: 'root' })
export class ReferenceData {
  private readonly cases = inject(CasesApi);
  private readonly directory = inject(DirectoryApi);

  private readonly programmeList = signal<ProgrammeDto[] | null>(null);
  private readonly organisationList = signal<OrganisationDto[] | null>(null);
  private programmesLoad: Promise<ProgrammeDto[]> | null = null;
  private organisationsLoad: Promise<OrganisationDto[]> | null = null;

  /** Null until loaded (call `loadProgrammes()`). */
  readonly programmes = this.programmeList.asReadonly();
  readonly organisations = this.organisationList.asReadonly();

  /** Municipalities with their SCB code, by name: the caseload's municipality filter. */
  readonly municipalities = computed(() =>
    (this.organisationList() ?? [])
      .filter((o) => o.type === OrganisationType.Municipality && o.municipalityCode)
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  );

  /** A failed load is forgotten so the next page that needs the data tries again. */
  loadProgrammes(): Promise<ProgrammeDto[]> {
    this.programmesLoad ??= firstValueFrom(this.cases.programmes()).then(
      (list) => {
        this.programmeList.set(list);
        return list;
      },
      (error: unknown) => {
        this.programmesLoad = null;
        throw error;
      },
    );
    return this.programmesLoad;
  }

  loadOrganisations(): Promise<OrganisationDto[]> {
    this.organisationsLoad ??= this.fetchAllOrganisations().then(
      (list) => {
        this.organisationList.set(list);
        return list;
      },
      (error: unknown) => {
        this.organisationsLoad = null;
        throw error;
      },
    );
    return this.organisationsLoad;
  }

  programme(code: string | null | undefined): ProgrammeDto | null {
    return this.programmeList()?.find((p) => p.code === code) ?? null;
  }

  /** The municipality's name for an SCB code, or the code when unknown. */
  municipalityName(code: string | null | undefined): string {
    if (!code) return '';
    return this.municipalities().find((m) => m.municipalityCode === code)?.name ?? code;
  }

  private async fetchAllOrganisations(): Promise<OrganisationDto[]> {
    const all: OrganisationDto[] = [];
    for (let page = 1; page <= 20; page++) {
      const result = await firstValueFrom(
        this.directory.organisations({ page, pageSize: MAX_PAGE_SIZE }),
      );
      all.push(...result.items);
      if (all.length >= result.total || result.items.length === 0) break;
    }
    return all.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }
}
