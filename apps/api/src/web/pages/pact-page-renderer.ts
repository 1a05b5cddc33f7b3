import { Injectable } from '@nestjs/common';
import { isCertified } from '@pactroom/negotiation';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { clientGone } from '../../common/client-gone.js';
import { ConsultationsService } from '../../consultations/consultations.service.js';
import { PactPageService } from '../../pacts/pact-page.service.js';
import { boundarySetOf, ScenariosService } from '../../scenarios/scenarios.service.js';
import { renderPage } from '../render.js';
import { PactCommentsView } from './pact-comments-view.js';

/** What a finished command says on the page it returns to (`?done=…`). */
const DONE: Readonly<Record<string, string>> = {
  proposed: 'You proposed this pact: the other participants can now sign it.',
  signed: 'You signed the current revision.',
  approved: 'You approved the pact for your party and region.',
  declined: 'You declined this pact.',
  withdrawn: 'You withdrew this pact.',
  rejected: 'You rejected this pact for your party and region.',
  terminated: 'You terminated this pact.',
};

/** A probability or rate as a whole percentage ("< 1%" rather than a misleading 0%). */
function pct(value: number): string {
  const percent = value * 100;
  return percent > 0 && percent < 1 ? '< 1%' : `${Math.round(percent)}%`;
}

export interface PactPageMessages {
  /** A `?done=` key from the redirect after a command. */
  readonly done?: string;
  /** Why a command did not go through (the API's message, or the stale-revision wording). */
  readonly error?: string;
  /** The reason typed into a refused end form, given back to the person. */
  readonly reason?: { readonly command: string; readonly text: string };
  /** The transfer set the seat impact and chart use (`?transfers=`; default central). */
  readonly transfers?: string;
  /** The scenario the impact uses (`?scenario=`: an id, or `none`; default the contest's current). */
  readonly scenario?: string;
  /** A refused "Consult your members" form: its errors and what was typed. */
  readonly consult?: {
    readonly errors: readonly { field: string | null; message: string }[];
    readonly form: Record<string, string | boolean>;
  };
}

/**
 * Renders the pact page: shared by the page itself and by the commands, which show it again with
 * their error when one is refused (a stale revision is answered with the fresh terms).
 */
@Injectable()
export class PactPageRenderer {
  constructor(
    private readonly pages: PactPageService,
    private readonly consultations: ConsultationsService,
    private readonly comments: PactCommentsView,
    private readonly scenarios: ScenariosService,
  ) {}

  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    id: string,
    messages: PactPageMessages = {},
    status = 200,
  ): Promise<FastifyReply> {
    const view = await this.pages.pactPage(viewer, id);
    const [consultations, slots, scenarios] = await Promise.all([
      this.consultations.listForPact(viewer, id),
      this.consultations.slotsToConsult(viewer, id),
      // The scenarios a viewer may pick: those on the pact's boundaries.
      this.scenarios.list(boundarySetOf(view.pact.election) ?? '-'),
    ]);
    const scenario = messages.scenario === '' ? undefined : messages.scenario;
    const sets = this.pages.transferSets();
    const transfers = sets.some((set) => set.name === messages.transfers)
      ? messages.transfers
      : 'central';
    // The projection may be busy or too slow; the rest of the page is still worth reading.
    let impact = null;
    let impactError: string | null = null;
    try {
      impact = await this.pages.impact(viewer, id, { transfers, scenario }, clientGone(reply));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      impactError = error.message;
    }
    return renderPage(
      request,
      reply,
      'pact',
      {
        title: view.pact.title,
        view,
        impact,
        impactError,
        certified: isCertified(view.pact.status),
        pct,
        transfers,
        transferSet: sets.find((set) => set.name === transfers),
        transferSets: sets,
        scenarios,
        scenario: scenario ?? '',
        notice: messages.done === undefined ? undefined : DONE[messages.done],
        error: messages.error,
        reason: messages.reason,
        consultations,
        slots,
        consult: messages.consult,
        comments: await this.comments.forPactPage(viewer, id),
      },
      status,
    );
  }
}
