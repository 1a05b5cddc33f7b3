import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ELECTIONS, PARTIES, REGIONS } from '@pactroom/election-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CheckpointService } from '../../audit/checkpoint.service.js';
import type { Principal } from '../../auth/principal.js';
import { Public } from '../../common/public.decorator.js';
import { renderPage } from '../render.js';
import { WebSessions } from '../web-sessions.js';

/** Election, party and region names for the script's summary, so it words them as every page does. */
const LABELS = JSON.stringify({
  elections: Object.fromEntries(ELECTIONS.map((e) => [e.code, e.name])),
  parties: Object.fromEntries(PARTIES.map((p) => [p.code, p.name])),
  regions: Object.fromEntries(REGIONS.map((r) => [r.slug, r.name])),
});

/**
 * Verify a certificate: open to anyone. The page publishes the platform's public key; the check
 * itself runs in the browser (assets/certificate-checks.js), so a certificate never reaches us.
 */
@ApiExcludeController()
@Controller()
export class VerifyController {
  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly sessions: WebSessions,
  ) {}

  @Public()
  @Get('verify')
  async verify(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    // Signed-in people keep their navigation; everyone else sees the page without it.
    const viewer = await this.sessions.principalOf(request);
    if (viewer) {
      (request as FastifyRequest & { user?: Principal }).user = viewer;
    }
    return renderPage(request, reply, 'verify', {
      title: 'Verify a certificate',
      publicKey: this.checkpoints.publicKeyPem.trim(),
      keyId: this.checkpoints.keyId,
      labels: LABELS,
      scripts: ['/assets/certificate-checks.js', '/assets/verify-certificate.js'],
    });
  }
}
