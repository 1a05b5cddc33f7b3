import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import {
  RetireLocalPartyDto,
  UpdateLocalPartyDto,
  type LocalPartyDto,
} from '../../local-parties/dto/local-party.dto.js';
import { LocalPartiesService } from '../../local-parties/local-parties.service.js';
import { UsersService } from '../../users/users.service.js';
import { fieldText, validated } from '../page-input.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import type { FormErrors } from './admin-forms.js';
import { codesOf, eventWords, localPartyFormErrors } from './local-party-forms.js';

const ID = uuidPipe('LOCAL_PARTY_NOT_FOUND');

interface EditForm {
  name: string;
  constituencies: string;
  boundarySet: string;
}

/**
 * Editing and retiring one local party, for the admins and the coordinators of its party and
 * region: the use case answers 404 to anyone else (and for a malformed id), so the page is the
 * 404 page for them. Retiring asks for a reason on a confirmation page of its own.
 */
@ApiExcludeController()
@Controller('admin/local-parties')
export class AdminLocalPartyController {
  constructor(
    private readonly users: UsersService,
    private readonly localParties: LocalPartiesService,
  ) {}

  @Page()
  @Get(':id')
  async edit(
    @Viewer() viewer: Principal,
    @Param('id', ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const localParty = await this.localParties.getManagedLocalParty(viewer, id);
    return this.renderEdit(request, reply, viewer, localParty, formOf(localParty));
  }

  @Page()
  @Post(':id')
  async save(
    @Viewer() viewer: Principal,
    @Param('id', ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const localParty = await this.localParties.getManagedLocalParty(viewer, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form: EditForm = {
      name: fieldText(body, 'name'),
      constituencies: fieldText(body, 'constituencies'),
      boundarySet: fieldText(body, 'boundarySet'),
    };
    try {
      const dto = await validated(
        {
          name: form.name,
          constituencies: codesOf(form.constituencies),
          ...(form.boundarySet === '' ? {} : { boundarySet: form.boundarySet }),
        },
        UpdateLocalPartyDto,
      );
      await this.localParties.updateLocalParty(viewer, id, dto);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 404) {
        const errors = localPartyFormErrors(error);
        return this.renderEdit(request, reply, viewer, localParty, form, errors, error.status);
      }
      throw error;
    }
    return reply.redirect('/admin/local-parties?done=saved', 303);
  }

  @Page()
  @Get(':id/retire')
  async confirmRetire(
    @Viewer() viewer: Principal,
    @Param('id', ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const localParty = await this.localParties.getManagedLocalParty(viewer, id);
    return this.renderRetire(request, reply, localParty, '');
  }

  @Page()
  @Post(':id/retire')
  async retire(
    @Viewer() viewer: Principal,
    @Param('id', ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const localParty = await this.localParties.getManagedLocalParty(viewer, id);
    const reason = fieldText((request.body ?? {}) as Record<string, unknown>, 'reason');
    try {
      const dto = await validated({ reason }, RetireLocalPartyDto);
      await this.localParties.retireLocalParty(viewer, id, dto);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 404) {
        const errors = localPartyFormErrors(error);
        return this.renderRetire(request, reply, localParty, reason, errors, error.status);
      }
      throw error;
    }
    return reply.redirect('/admin/local-parties?done=retired', 303);
  }

  private async renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Principal,
    localParty: LocalPartyDto,
    form: EditForm,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'admin-local-party',
      {
        title: `Edit ${localParty.name}`,
        localParty,
        form,
        errors,
        history: (await this.localParties.localPartyEvents(viewer, localParty.id)).map((e) => ({
          ...e,
          words: eventWords(e),
        })),
      },
      status,
    );
  }

  private renderRetire(
    request: FastifyRequest,
    reply: FastifyReply,
    localParty: LocalPartyDto,
    reason: string,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'admin-local-party-retire',
      { title: `Retire ${localParty.name}`, localParty, reason, errors },
      status,
    );
  }
}

/** The edit form as the local party stands: its seats one a line, oldest boundary set first. */
function formOf(localParty: LocalPartyDto): EditForm {
  return {
    name: localParty.name,
    constituencies: localParty.seats.map((s) => s.constituency).join('\n'),
    boundarySet: '',
  };
}
