import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@pactroom/accounts';

export class GrantResponseDto {
  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'lab' })
  party!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'south-east' })
  region!: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  localPartyId!: string | null;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'officer.lab.hastings@pactroom.test' })
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({
    description: 'Invited and not yet accepted: no password chosen, so no sign-in yet',
  })
  invited!: boolean;

  @ApiProperty({ type: [GrantResponseDto] })
  grants!: GrantResponseDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

/** The answer to every invitation, whether or not the address already had an account. */
export class InvitationSentDto {
  @ApiProperty({ enum: ['invitation-sent'] })
  status!: 'invitation-sent';

  @ApiProperty({ example: 'new.officer@example.org' })
  email!: string;
}
