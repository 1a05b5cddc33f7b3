import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTIES } from '@pactroom/election-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { CreateLocalPartyDto } from '../../local-parties/dto/local-party.dto.js';
import { LocalPartiesService } from '../../local-parties/local-parties.service.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { UsersService } from '../../users/users.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { formErrorsOf, type FormErrors } from './admin-forms.js';
import { allLocalParties } from './local-party-list.js';
import { fieldText, validated } from '../page-input.js';

const LABELS = {
  party: 'Party',
  name: 'Name',
  constituencies: 'Constituencies',
  boundarySet: 'Boundary set',
};
const HINTS = { constituencies: 'must each be a constituency code such as E14000735' };

interface LocalPartyForm {
  party: string;
  name: string;
  constituencies: string;
  boundarySet: string;
}

/** Local parties (list, create) and the shipped elections (read-only), for account managers. */
@ApiExcludeController()
@Controller('admin')
export class AdminRegistryController {
  constructor(
    private readonly users: UsersService,
    private readonly localParties: LocalPartiesService,
    private readonly reference: ReferenceService,
  ) {}

  @Page()
  @Get('local-parties')
  async list(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    this.users.requireManager(viewer);
    const form = { party: '', name: '', constituencies: '', boundarySet: '' };
    return this.render(request, reply, {
      form,
      notice: done === 'created' ? 'The local party was created.' : undefined,
    });
  }

  @Page()
  @Post('local-parties')
  async create(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form: LocalPartyForm = {
      party: fieldText(body, 'party'),
      name: fieldText(body, 'name'),
      constituencies: fieldText(body, 'constituencies'),
      boundarySet: fieldText(body, 'boundarySet'),
    };
    try {
      const dto = await validated(
        {
          party: form.party,
          name: form.name,
          // One code a line, or separated by commas or spaces, as people paste them.
          constituencies: form.constituencies.split(/[\s,]+/).filter((c) => c !== ''),
          ...(form.boundarySet === '' ? {} : { boundarySet: form.boundarySet }),
        },
        CreateLocalPartyDto,
      );
      await this.localParties.createLocalParty(viewer, dto);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        const errors = formErrorsOf(error, { labels: LABELS, hints: HINTS });
        const unknown = (error.details as { constituencies?: unknown } | undefined)?.constituencies;
        return this.render(
          request,
          reply,
          {
            form,
            errors,
            unknownCodes: Array.isArray(unknown) ? unknown.map(String) : [],
          },
          error.status,
        );
      }
      throw error;
    }
    return reply.redirect('/admin/local-parties?done=created', 303);
  }

  @Page()
  @Get('elections')
  async elections(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    return renderPage(request, reply, 'admin-elections', {
      title: 'Elections',
      elections: await this.reference.listElections(),
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    model: { form: LocalPartyForm; errors?: FormErrors; notice?: string; unknownCodes?: string[] },
    status = 200,
  ) {
    const localParties = await allLocalParties(this.localParties);
    return renderPage(
      request,
      reply,
      'admin-local-parties',
      { title: 'Local parties', localParties, parties: PARTIES, ...model },
      status,
    );
  }
}
