import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTIES, REGIONS } from '@pactroom/election-data';
import { isAdmin, ROLES } from '@pactroom/accounts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { LocalPartiesService } from '../../local-parties/local-parties.service.js';
import { CreateUserDto, UpdateUserDto } from '../../users/dto/user-request.dto.js';
import { AccountAccessService } from '../../users/account-access.service.js';
import { UsersService } from '../../users/users.service.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import {
  formErrorsOf,
  grantRows,
  grantsBody,
  rowsOf,
  type FormErrors,
  type FormWording,
  type GrantRow,
} from './admin-forms.js';
import { allLocalParties } from './local-party-list.js';
import { fieldText, validated } from '../page-input.js';

const USER_ID = uuidPipe('USER_NOT_FOUND');
const LABELS = {
  email: 'Email address',
  name: 'Name',
  password: 'Password',
  grants: 'Roles',
  'grants.item': 'Role',
};
const NOTICES: Readonly<Record<string, string>> = {
  created: 'The account was created.',
  saved: 'The changes were saved.',
  disabled: 'The account was disabled: it can no longer sign in, and its sessions have ended.',
  enabled: 'The account was enabled again.',
  invited:
    'The account was created and an invitation was sent: the person chooses their own password.',
  'invitation-sent': 'A new invitation was sent. Links sent earlier no longer work.',
  unlocked: 'Sign-in is unlocked: the failed attempts were cleared.',
};
const TRAIL_LIMIT = 100;

/** The form's wording, numbering grants by their row on the form (rows left empty are not sent). */
function wordingFor(rows: readonly GrantRow[]): FormWording {
  const sent = rows.flatMap((row, i) => (row.role === '' ? [] : [i + 1]));
  return { labels: LABELS, rowOf: (index) => sent[index] ?? index + 1 };
}

interface UserForm {
  email: string;
  name: string;
  grants: GrantRow[];
}

/** Account administration: the users use cases, with the API's DTOs and messages. */
@ApiExcludeController()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly access: AccountAccessService,
    private readonly localParties: LocalPartiesService,
  ) {}

  @Page()
  @Get()
  async accounts(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('cursor') cursor?: string,
    @Query('invited') invited?: string,
  ) {
    this.users.requireManager(viewer);
    const page = await this.users.listUsers(viewer, { limit: 50, cursor });
    return renderPage(request, reply, 'admin-users', {
      title: 'Accounts',
      invited: typeof invited === 'string' && invited.length <= 254 ? invited : undefined,
      users: page.items,
      nextCursor: page.nextCursor,
      localParties: await this.localPartyNames(),
    });
  }

  @Page()
  @Get('users/new')
  async newUser(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const form: UserForm = { email: '', name: '', grants: rowsOf([]) };
    return this.renderUserForm(request, reply, { form, canSetPassword: isAdmin(viewer.grants) });
  }

  @Page()
  @Post('users')
  async create(
    @Viewer() viewer: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    this.users.requireManager(viewer);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form: UserForm = {
      email: fieldText(body, 'email'),
      name: fieldText(body, 'name'),
      grants: grantRows(body),
    };
    // Only administrators are offered a password field; left empty, the person is invited.
    const password = fieldText(body, 'password');
    try {
      const dto = await validated(
        {
          email: form.email,
          name: form.name,
          ...(password === '' ? {} : { password }),
          grants: grantsBody(form.grants),
        },
        CreateUserDto,
      );
      const outcome = await this.users.createUser(viewer, dto);
      if (outcome.kind === 'created') {
        return reply.redirect(`/admin/users/${outcome.user.id}?done=created`, 303);
      }
      // Without an id (anyone but an administrator) the answer is the same whether the address
      // was new or already had an account: back to the list, saying an invitation was sent.
      return reply.redirect(
        outcome.userId
          ? `/admin/users/${outcome.userId}?done=invited`
          : `/admin?invited=${encodeURIComponent(outcome.email)}`,
        303,
      );
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        return this.renderUserForm(
          request,
          reply,
          {
            form,
            errors: formErrorsOf(error, wordingFor(form.grants)),
            canSetPassword: isAdmin(viewer.grants),
          },
          error.status,
        );
      }
      throw error;
    }
  }

  @Page()
  @Get('users/:id')
  async user(
    @Viewer() viewer: Principal,
    @Param('id', USER_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    const user = await this.users.getManagedUser(viewer, id);
    const form: UserForm = { email: user.email, name: user.name, grants: rowsOf(user.grants) };
    return this.renderUserForm(request, reply, {
      form,
      user,
      canSetPassword: isAdmin(viewer.grants),
      notice: NOTICES[done ?? ''],
      trail: (await this.users.accountTrail(viewer, id, { limit: TRAIL_LIMIT })).items,
    });
  }

  /** Edits name, roles and (when given) the password: the API's PATCH, fields as sent. */
  @Page()
  @Post('users/:id')
  async update(
    @Viewer() viewer: Principal,
    @Param('id', USER_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.getManagedUser(viewer, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form: UserForm = {
      email: user.email,
      name: fieldText(body, 'name'),
      grants: grantRows(body),
    };
    const password = fieldText(body, 'password');
    try {
      const dto = await validated(
        {
          name: form.name,
          grants: grantsBody(form.grants),
          ...(password === '' ? {} : { password }),
        },
        UpdateUserDto,
      );
      await this.users.updateUser(viewer, id, dto);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 404) {
        return this.renderUserForm(
          request,
          reply,
          {
            form,
            user,
            canSetPassword: isAdmin(viewer.grants),
            errors: formErrorsOf(error, wordingFor(form.grants)),
            trail: (await this.users.accountTrail(viewer, id, { limit: TRAIL_LIMIT })).items,
          },
          error.status,
        );
      }
      throw error;
    }
    return reply.redirect(`/admin/users/${id}?done=saved`, 303);
  }

  @Page()
  @Post('users/:id/invitation')
  async resendInvitation(
    @Viewer() viewer: Principal,
    @Param('id', USER_ID) id: string,
    @Res() reply: FastifyReply,
  ) {
    await this.access.resendInvitation(viewer, id);
    return reply.redirect(`/admin/users/${id}?done=invitation-sent`, 303);
  }

  @Page()
  @Post('users/:id/unlock')
  async unlock(
    @Viewer() viewer: Principal,
    @Param('id', USER_ID) id: string,
    @Res() reply: FastifyReply,
  ) {
    await this.access.unlock(viewer, id);
    return reply.redirect(`/admin/users/${id}?done=unlocked`, 303);
  }

  @Page()
  @Post('users/:id/status')
  async status(
    @Viewer() viewer: Principal,
    @Param('id', USER_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const disabled =
      fieldText((request.body ?? {}) as Record<string, unknown>, 'disabled') === 'true';
    await this.users.updateUser(viewer, id, { disabled });
    return reply.redirect(`/admin/users/${id}?done=${disabled ? 'disabled' : 'enabled'}`, 303);
  }

  private async renderUserForm(
    request: FastifyRequest,
    reply: FastifyReply,
    model: {
      form: UserForm;
      user?: { id: string; name: string; disabled: boolean; invited: boolean };
      canSetPassword: boolean;
      errors?: FormErrors;
      notice?: string;
      trail?: unknown[];
    },
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'admin-user-form',
      {
        title: model.user ? `Account: ${model.user.name}` : 'Create an account',
        ...model,
        roles: ROLES,
        parties: PARTIES,
        regions: REGIONS,
        localParties: [...(await this.localPartyNames())].map(([id, name]) => ({ id, name })),
      },
      status,
    );
  }

  private async localPartyNames(): Promise<Map<string, string>> {
    const all = await allLocalParties(this.localParties);
    return new Map(all.map((lp) => [lp.id, lp.name]));
  }
}
