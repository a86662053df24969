import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationEntity } from '@samsyn/server';
import { OrganisationsController } from './organisations.controller';
import { UsersController } from './users.controller';
import { OrganisationAdminService } from './organisation-admin.service';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganisationEntity])],
  controllers: [OrganisationsController, UsersController],
  providers: [OrganisationsService, OrganisationAdminService],
})
export class OrganisationsModule {}
