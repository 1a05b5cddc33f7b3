import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import {
  RegisterWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookDto,
  WebhookListDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

const WEBHOOK_ID = uuidPipe('WEBHOOK_NOT_FOUND');
const DELIVERY_ID = uuidPipe('WEBHOOK_DELIVERY_NOT_FOUND');

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin', 'coordinator')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary:
      'Register an HTTPS endpoint for the events of your party and region (secret shown once)',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiErrors(400, 401, 403, 422)
  register(
    @CurrentUser() principal: Principal,
    @Body() body: RegisterWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.register(principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'The webhooks you manage (coordinators: own party and region)' })
  @ApiOkResponse({ type: WebhookListDto })
  @ApiErrors(401, 403)
  async list(@CurrentUser() principal: Principal): Promise<WebhookListDto> {
    return { items: await this.webhooks.list(principal) };
  }

  @Get('deliveries/dead')
  @ApiOperation({ summary: 'Dead-lettered deliveries you may replay' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiErrors(401, 403)
  async dead(@CurrentUser() principal: Principal): Promise<WebhookDeliveryListDto> {
    return { items: await this.webhooks.deadDeliveries(principal) };
  }

  @Post('deliveries/:id/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again (same webhook-id); replays a dead one' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiErrors(401, 403, 404, 409)
  resend(
    @CurrentUser() principal: Principal,
    @Param('id', DELIVERY_ID) id: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.resend(principal, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors(401, 403, 404)
  get(
    @CurrentUser() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
  ): Promise<WebhookDto> {
    return this.webhooks.get(principal, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'New signing secret (shown once); the previous one stays valid for 24 hours',
  })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiErrors(401, 403, 404, 409)
  rotate(
    @CurrentUser() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(principal, id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop deliveries to the webhook (kept with its log)' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors(401, 403, 404)
  disable(
    @CurrentUser() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
  ): Promise<WebhookDto> {
    return this.webhooks.disable(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log of a webhook (latest 100, with every attempt)' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiErrors(401, 403, 404)
  async deliveries(
    @CurrentUser() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
  ): Promise<WebhookDeliveryListDto> {
    return { items: await this.webhooks.deliveries(principal, id) };
  }
}
