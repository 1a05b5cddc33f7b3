import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTIES } from '@pactroom/election-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { CreateLocalPartyDto } from '../../local-parties/dto/local-party.dto.js';
import {
  LocalPartiesService,
  managesLocalParty,
} from '../../local-parties/local-parties.service.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { UsersService } from '../../users/users.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import type { FormErrors } from './admin-forms.js';
import { codesOf, localPartyFormErrors } from './local-party-forms.js';
import { allLocalParties } from './local-party-list.js';
import { fieldText, validated } from '../page-input.js';

/** What `?done=` after a change says. */
const NOTICES: Readonly<Record<string, string>> = {
  created: 'The local party was created.',
  saved: 'The changes to the local party were saved.',
  retired: 'The local party was retired. It stays listed, and in the pacts that name it.',
};
/** The list's filter: `show=active|retired` (absent: all). */
const SHOWN: Readonly<Record<string, boolean>> = { active: false, retired: true };

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
    @Query('show') show?: string,
  ) {
    this.users.requireManager(viewer);
    const form = { party: '', name: '', constituencies: '', boundarySet: '' };
    return this.render(request, reply, viewer, {
      form,
      notice: done === undefined ? undefined : NOTICES[done],
      show: show !== undefined && show in SHOWN ? show : 'all',
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
          constituencies: codesOf(form.constituencies),
          ...(form.boundarySet === '' ? {} : { boundarySet: form.boundarySet }),
        },
        CreateLocalPartyDto,
      );
      await this.localParties.createLocalParty(viewer, dto);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        const errors = localPartyFormErrors(error);
        return this.render(request, reply, viewer, { form, errors, show: 'all' }, error.status);
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
    viewer: Principal,
    model: { form: LocalPartyForm; errors?: FormErrors; notice?: string; show: string },
    status = 200,
  ) {
    const localParties = await allLocalParties(this.localParties, SHOWN[model.show]);
    return renderPage(
      request,
      reply,
      'admin-local-parties',
      {
        title: 'Local parties',
        // Edit links only where the viewer may edit (the use case's own scope rule).
        localParties: localParties.map((lp) => ({
          ...lp,
          manageable: managesLocalParty(viewer, lp),
        })),
        parties: PARTIES,
        ...model,
      },
      status,
    );
  }
}
