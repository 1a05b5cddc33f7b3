import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

/** A new password as every route takes it; the breached-password check is the service's. */
const NEW_PASSWORD = { minLength: 12, maxLength: 200 };

export class SetPasswordWithTokenDto {
  @ApiProperty({ description: 'The token from the mailed link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @ApiProperty(NEW_PASSWORD)
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'officer.ld.hastings@pactroom.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty(NEW_PASSWORD)
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword!: string;
}

/** The one answer to a reset request, whether or not the address has an account. */
export class PasswordResetRequestedDto {
  @ApiProperty({ enum: ['password-reset-requested'] })
  status!: 'password-reset-requested';
}
