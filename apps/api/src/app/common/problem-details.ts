import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type FieldError, type ProblemDetails } from '@samsyn/common';

/** An HTTP error with a stable code; the filter turns it into problem details. */
export class ApiException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    detail: string,
    readonly extra: Partial<Pick<ProblemDetails, 'errors' | 'currentVersion' | 'details'>> = {},
  ) {
    super(detail, status);
  }
}

export class ValidationFailedException extends ApiException {
  constructor(errors: FieldError[]) {
    super(
      HttpStatus.BAD_REQUEST,
      ErrorCode.ValidationFailed,
      'The request has invalid fields; see errors.',
      {
        errors,
      },
    );
  }
}

/** Default codes for plain Nest exceptions thrown without one. */
export const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.AuthenticationRequired,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

export const TITLE_FOR_STATUS: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};
