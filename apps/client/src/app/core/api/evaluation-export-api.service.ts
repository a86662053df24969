import { HttpClient, HttpErrorResponse, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type CreateEvaluationExportDto,
  EVALUATION_EXPORT_HEADERS,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';

export const EVALUATION_EXPORT_PATH = `${API_BASE}/evaluation-exports`;

/** A made export: the file, its name and what the rule did to the rows. */
export interface EvaluationExportDownload {
  file: Blob;
  fileName: string;
  rowsPublished: number;
  rowsGeneralised: number;
  rowsLeftOut: number;
}

/** The failure with its problem details read from the blob body, so field errors reach the form. */
export async function withParsedBody(failure: unknown): Promise<unknown> {
  if (!(failure instanceof HttpErrorResponse) || !(failure.error instanceof Blob)) return failure;
  let error: unknown = null;
  try {
    error = JSON.parse(await failure.error.text());
  } catch {
    // not JSON: leave the body out
  }
  return new HttpErrorResponse({
    error,
    headers: failure.headers,
    status: failure.status,
    statusText: failure.statusText,
    url: failure.url ?? undefined,
  });
}

/** Typed client for the evaluation export (D6; evaluation:export). */
@Injectable({ providedIn: 'root' })
export class EvaluationExportApi {
  private readonly http = inject(HttpClient);

  async create(dto: CreateEvaluationExportDto): Promise<EvaluationExportDownload> {
    let res: HttpResponse<Blob>;
    try {
      res = await firstValueFrom(
        this.http.post(EVALUATION_EXPORT_PATH, dto, { observe: 'response', responseType: 'blob' }),
      );
    } catch (failure: unknown) {
      throw await withParsedBody(failure);
    }
    const count = (name: string) => Number(res.headers.get(name) ?? 0);
    const disposition = res.headers.get('content-disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? `utvardering.${dto.format ?? 'csv'}`;
    return {
      file: res.body ?? new Blob([]),
      fileName,
      rowsPublished: count(EVALUATION_EXPORT_HEADERS.rowsPublished),
      rowsGeneralised: count(EVALUATION_EXPORT_HEADERS.rowsGeneralised),
      rowsLeftOut: count(EVALUATION_EXPORT_HEADERS.rowsLeftOut),
    };
  }
}
