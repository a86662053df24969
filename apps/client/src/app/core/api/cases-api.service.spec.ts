import { HttpClient } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import { of } from 'rxjs';
import { AuditApi } from './audit-api.service';
import { CasesApi } from './cases-api.service';
import { ConsentsApi } from './consents-api.service';
import { DirectoryApi } from './directory-api.service';
import { JournalApi } from './journal-api.service';

/** A stand-in HttpClient that records what the services ask for. */
function fakeHttp() {
  const answer = () => of({});
  return {
    get: jest.fn(answer),
    post: jest.fn(answer),
    patch: jest.fn(answer),
    delete: jest.fn(answer),
  };
}

function create<T>(type: new () => T, http: ReturnType<typeof fakeHttp>): T {
  const injector = Injector.create({ providers: [{ provide: HttpClient, useValue: http }] });
  return runInInjectionContext(injector, () => new type());
}

describe('CasesApi', () => {
  let http: ReturnType<typeof fakeHttp>;
  let api: CasesApi;

  beforeEach(() => {
    http = fakeHttp();
    api = create(CasesApi, http);
  });

  it('sends only the caseload filters that narrow the list', () => {
    api
      .list({
        page: 2,
        pageSize: 25,
        programme: 'SIP',
        status: null,
        municipalityCode: '1880',
        overdue: false,
        includeClosed: true,
        number: '',
      })
      .subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases', {
      params: {
        page: '2',
        pageSize: '25',
        programme: 'SIP',
        municipalityCode: '1880',
        includeClosed: 'true',
      },
    });
  });

  it('looks a case up by its exact number', () => {
    api.lookup('SIP-2026-000001').subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases/lookup', {
      params: { number: 'SIP-2026-000001' },
    });
  });

  it('reads, creates and edits a case with the version the edit started from', () => {
    api.get('c1').subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases/c1');
    const dto = { programme: 'SIP', participants: [] };
    api.create(dto).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/cases', dto);
    api.update('c1', { version: 3, description: 'x' }).subscribe();
    expect(http.patch).toHaveBeenCalledWith('/api/v1/cases/c1', { version: 3, description: 'x' });
    api.changeStatus('c1', { version: 3, status: 'preparation' }).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/cases/c1/status', {
      version: 3,
      status: 'preparation',
    });
  });

  it('addresses participants, team members, links and nödåtkomst below the case', () => {
    api.updateParticipant('c1', 'p1', { version: 1, phone: '070' }).subscribe();
    expect(http.patch).toHaveBeenCalledWith('/api/v1/cases/c1/participants/p1', {
      version: 1,
      phone: '070',
    });
    api.addTeamMember('c1', { userId: 'u1', caseRole: 'healthcare_contact' }).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/cases/c1/team', {
      userId: 'u1',
      caseRole: 'healthcare_contact',
    });
    api.removeTeamMember('c1', 'm1').subscribe();
    expect(http.delete).toHaveBeenCalledWith('/api/v1/cases/c1/team/m1');
    api.link('c1', { number: 'TH-2026-000002' }).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/cases/c1/links', { number: 'TH-2026-000002' });
    api.requestEmergencyAccess('c1', { reason: 'r'.repeat(20) }).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/cases/c1/emergency-access', {
      reason: 'r'.repeat(20),
    });
    api
      .requestEmergencyAccessByNumber({ caseNumber: 'SIP-2026-000001', reason: 'r'.repeat(20) })
      .subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/emergency-accesses', {
      caseNumber: 'SIP-2026-000001',
      reason: 'r'.repeat(20),
    });
  });

  it('encodes ids so they cannot change the route', () => {
    api.get('../me').subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases/..%2Fme');
  });
});

describe('the other case resources', () => {
  it('pages the journal and posts corrections as new entries', () => {
    const http = fakeHttp();
    const journal = create(JournalApi, http);
    journal.list('c1', 2, 20).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases/c1/journal', {
      params: { page: '2', pageSize: '20' },
    });
    const correction = { category: 'health', text: 'Rätt', correctsId: 'e1' } as const;
    journal.create('c1', correction as never).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/cases/c1/journal', correction);
  });

  it('lists, records and withdraws consents, and records disclosures', () => {
    const http = fakeHttp();
    const consents = create(ConsentsApi, http);
    consents.list('c1').subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases/c1/consents');
    consents.withdraw('k1', { reason: 'Ångrat sig' }).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/consents/k1/withdraw', {
      reason: 'Ångrat sig',
    });
    consents.disclosures('c1').subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/cases/c1/disclosures');
  });

  it('searches the directory', () => {
    const http = fakeHttp();
    const directory = create(DirectoryApi, http);
    directory.users({ organisationId: 'o1', q: 'Sara', pageSize: 20 }).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/users', {
      params: { organisationId: 'o1', q: 'Sara', pageSize: '20' },
    });
    directory.organisations({ q: null, page: 1, pageSize: 100 }).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/organisations', {
      params: { page: '1', pageSize: '100' },
    });
  });

  it('asks the audit endpoints for the review pages', () => {
    const http = fakeHttp();
    const audit = create(AuditApi, http);
    audit.emergencyAccesses(false).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/audit/review/emergency-accesses', {
      params: { reviewed: 'false', page: '1' },
    });
    audit.reviewEmergencyAccess('e1', { note: 'OK' }).subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/audit/review/emergency-accesses/e1/review', {
      note: 'OK',
    });
    audit.outsideCaseload(30).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/audit/review/outside-caseload', {
      params: { days: '30', page: '1' },
    });
    audit.extract('191212121212').subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/audit/extract', {
      params: { personalNumber: '191212121212', page: '1' },
    });
    audit.extract('191212121212', 4).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/audit/extract', {
      params: { personalNumber: '191212121212', page: '4' },
    });
    audit.caseEvents('c1', 3).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/audit/cases/c1/events', {
      params: { page: '3' },
    });
  });
});
