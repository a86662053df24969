import { applyDecorators, Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { API_BASE, ErrorCode, Permission } from '@samsyn/common';
import type { NextFunction, Request, Response } from 'express';
import { RequirePermission } from '../auth/decorators';
import { ApiException, TITLE_FOR_STATUS } from '../common/problem-details';
import { REMINDER_QUEUE, type ReminderQueue } from './reminder-queue.provider';

const PATH = 'admin/queues';
export const QUEUE_DASHBOARD_BASE = `${API_BASE}/${PATH}`;

type Handler = (req: Request, res: Response, next: NextFunction) => void;

/** GET `:s1/…/:sN` below the dashboard: its assets and read-only JSON API. */
function DashboardRoute(depth: number): MethodDecorator {
  const names = Array.from({ length: depth }, (_, i) => `s${i + 1}`);
  return applyDecorators(
    Get(names.map((n) => `:${n}`).join('/')),
    ...names.map((name) => ApiParam({ name, type: String, description: 'A path segment' })),
    ApiOkResponse({ description: 'Dashboard assets and data (read-only)' }),
  );
}

/**
 * The BullMQ dashboard (bull-board) for system administrators. It is served through this Nest
 * controller rather than mounted on Express, so the global guards apply (a session,
 * Permission.SystemOperate; the CSRF guard, which checks state changes against the session's
 * token, has nothing to do), and it is read-only: only GET is routed here, and the UI hides its
 * actions. Jobs hold reminder ids only, no personal data. PostgreSQL stays the truth: nothing
 * done in Redis can lose a reminder (the reconciler restores its job).
 */
@ApiTags('admin')
@Controller(PATH)
@RequirePermission(Permission.SystemOperate)
export class QueueDashboardController {
  private readonly board: Handler | null;

  constructor(@Inject(REMINDER_QUEUE) queue: ReminderQueue) {
    if (!queue) {
      this.board = null;
      return;
    }
    const adapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_BASE);
    createBullBoard({
      queues: [new BullMQAdapter(queue, { readOnlyMode: true })],
      // @bull-board/express 9.10.1 brings its own @bull-board/api 9.10.1; its types differ from
      // 9.10.2's in a private field only. One version of both removes the cast.
      serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Samsyn' } },
    });
    this.board = adapter.getRouter() as Handler;
  }

  /** The queue dashboard (HTML). Without REDIS_URL there is no queue: 404. */
  @Get()
  @ApiOkResponse({ description: 'The dashboard page', content: { 'text/html': {} } })
  page(@Req() req: Request, @Res() res: Response): void {
    this.forward(req, res);
  }

  // The board's pages, assets and read-only JSON API are one to five segments deep. Named
  // segments rather than a wildcard, so that every route is a plain, documented OpenAPI path.
  @DashboardRoute(1)
  one(@Req() req: Request, @Res() res: Response): void {
    this.forward(req, res);
  }

  @DashboardRoute(2)
  two(@Req() req: Request, @Res() res: Response): void {
    this.forward(req, res);
  }

  @DashboardRoute(3)
  three(@Req() req: Request, @Res() res: Response): void {
    this.forward(req, res);
  }

  @DashboardRoute(4)
  four(@Req() req: Request, @Res() res: Response): void {
    this.forward(req, res);
  }

  @DashboardRoute(5)
  five(@Req() req: Request, @Res() res: Response): void {
    this.forward(req, res);
  }

  private forward(req: Request, res: Response): void {
    const board = this.board;
    if (!board)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'There is no queue: REDIS_URL is not set.',
      );
    // The board's router matches paths below its base, as if it were mounted there.
    const url = req.url;
    req.url = url.slice(QUEUE_DASHBOARD_BASE.length) || '/';
    board(req, res, (err?: unknown) => {
      req.url = url;
      if (res.headersSent) return;
      // Outside Nest's exception filter here: answer the problem details by hand.
      const status = err ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.NOT_FOUND;
      res
        .status(status)
        .type('application/problem+json')
        .json({
          type: 'about:blank',
          title: TITLE_FOR_STATUS[status],
          status,
          code: err ? ErrorCode.Internal : ErrorCode.NotFound,
          detail: err ? 'The dashboard failed.' : 'No such dashboard page.',
        });
    });
  }
}
