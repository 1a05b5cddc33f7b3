import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { PageQueryDto } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { revisionPipe } from '../pacts/revision.pipe.js';
import { CommentsService } from './comments.service.js';
import { PostCommentDto } from './dto/comment-request.dto.js';
import { CommentDto, CommentPageDto } from './dto/comment-response.dto.js';

/** Comments on a revision's terms: each route maps its request to one use case. */
@ApiTags('comments')
@ApiBearerAuth()
@Controller('pacts/:id/revisions/:n/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({
    summary:
      'The comments written on this revision, oldest first (participants, coordinators overseeing it, admins, and the members consulted on it)',
  })
  @ApiOkResponse({ type: CommentPageDto })
  @ApiErrors(400, 401, 404)
  list(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
    @Param('n', revisionPipe) n: number,
    @Query() query: PageQueryDto,
  ): Promise<CommentPageDto> {
    return this.comments.list(principal, id, n, query);
  }

  @Post()
  @ApiOperation({
    summary:
      'Comment on one stand-aside or commitment of this revision, or on its terms (members: while their consultation is open)',
  })
  @ApiCreatedResponse({ type: CommentDto })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  post(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
    @Param('n', revisionPipe) n: number,
    @Body() body: PostCommentDto,
  ): Promise<CommentDto> {
    return this.comments.post(principal, id, n, body);
  }
}
