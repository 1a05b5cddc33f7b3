import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPartyCode, IsRegionSlug } from '../../common/validation.decorators.js';

export class RegisterWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/pactroom' })
  @IsString()
  @MinLength(8)
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ example: 'Regional office CRM' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({
    example: 'lab',
    description: 'Required for admins and for coordinators of several parties',
  })
  @IsOptional()
  @IsPartyCode()
  party?: string;

  @ApiPropertyOptional({
    example: 'south-east',
    description: 'Required for admins and for coordinators of several regions',
  })
  @IsOptional()
  @IsRegionSlug()
  region?: string;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'lab' })
  party!: string;

  @ApiProperty({ example: 'south-east' })
  region!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ description: 'Who registered it' })
  createdBy!: string;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ nullable: true, type: String })
  disabledAt!: string | null;

  @ApiProperty({ description: 'How many secrets sign deliveries now (2 during a rotation)' })
  activeSecrets!: number;

  @ApiProperty({ nullable: true, type: String, description: 'When the previous secret stops' })
  previousSecretExpiresAt!: string | null;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The new signing secret; shown only in this response',
  })
  secret!: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto] })
  items!: WebhookDto[];
}

export class WebhookAttemptDto {
  @ApiProperty()
  attempt!: number;

  @ApiProperty()
  at!: string;

  @ApiProperty({ nullable: true, type: Number })
  statusCode!: number | null;

  @ApiProperty({ nullable: true, type: String })
  error!: string | null;

  @ApiProperty()
  durationMs!: number;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  endpointId!: string;

  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header of every attempt' })
  eventId!: string;

  @ApiProperty({ example: 'pact.signed' })
  event!: string;

  @ApiProperty({ nullable: true, type: String })
  pactTitle!: string | null;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'dead'] })
  status!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ nullable: true, type: Number })
  lastStatusCode!: number | null;

  @ApiProperty({ nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty({ nullable: true, type: String })
  lastAttemptAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  deliveredAt!: string | null;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ type: [WebhookAttemptDto] })
  log!: WebhookAttemptDto[];
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  items!: WebhookDeliveryDto[];
}
