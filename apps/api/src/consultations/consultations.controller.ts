import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { ConsultationsService } from './consultations.service.js';
import { OpenConsultationDto, StanceDto } from './dto/consultation-request.dto.js';
import { ConsultationDto } from './dto/consultation-response.dto.js';

/** Members' consultations: each route maps its request to one use case. */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post('pacts/:id/consultations')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Consult your members on the signed revision (a coordinator whose approval it needs)',
  })
  @ApiCreatedResponse({ type: ConsultationDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  open(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
    @Body() body: OpenConsultationDto,
  ): Promise<ConsultationDto> {
    return this.consultations.open(principal, id, body);
  }

  @Get('pacts/:id/consultations')
  @ApiOperation({ summary: 'The pact’s consultations (results only after close)' })
  @ApiOkResponse({ type: [ConsultationDto] })
  @ApiErrors(401, 404)
  list(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
  ): Promise<ConsultationDto[]> {
    return this.consultations.listForPact(principal, id);
  }

  @Get('consultations/:id')
  @ApiOperation({
    summary:
      'A consultation: for the members consulted (with the terms they answer on) and those who may see its pact',
  })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiErrors(401, 404)
  get(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('CONSULTATION_NOT_FOUND')) id: string,
  ): Promise<ConsultationDto> {
    return this.consultations.get(principal, id);
  }

  @Put('consultations/:id/stance')
  @ApiOperation({
    summary: 'Your stance (agree, abstain, disagree, block); the latest counts until it closes',
  })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  stance(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('CONSULTATION_NOT_FOUND')) id: string,
    @Body() body: StanceDto,
  ): Promise<ConsultationDto> {
    return this.consultations.setStance(principal, id, body);
  }

  @Post('consultations/:id/close')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Close it early (the coordinator who opened it)' })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiErrors(401, 403, 404, 409)
  close(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('CONSULTATION_NOT_FOUND')) id: string,
  ): Promise<ConsultationDto> {
    return this.consultations.close(principal, id);
  }
}
