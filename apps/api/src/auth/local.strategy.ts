import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { CommonErrors } from '../common/api-error.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';

/**
 * passport-local for `POST /api/auth/login`. Guards run before pipes, so the body is validated here
 * with the same rules as the global pipe: a malformed login is a 400, never a 401.
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(
    request: FastifyRequest,
    email: string,
    password: string,
  ): Promise<{ userId: string }> {
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw CommonErrors.validation(
        errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) })),
      );
    }
    return { userId: await this.auth.verifyCredentials(email, password, request.ip) };
  }
}
