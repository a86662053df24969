import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A signed-in session. The cookie carries a random token; only its SHA-256 is stored, so a
 * database read does not yield usable sessions. Deleting the row ends the session.
 */
@Entity('user_sessions')
export class UserSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /**
   * How the user signed in (issue 16): `password`, `password_totp`, `recovery_code` or `oidc`
   * (SessionMethod in libs/common).
   */
  @Column({ type: 'varchar', length: 20, default: 'password' })
  method!: string;

  /**
   * Whether the session passed a second factor, or came through an identity provider whose
   * `acr` the organisation's configuration lists as strong. Emergency access (D17) asks for it
   * where the organisation requires a second factor.
   */
  @Column({ type: 'boolean', default: false })
  strong!: boolean;

  /**
   * The browser's User-Agent at sign-in, cut to USER_AGENT_MAX_LENGTH (issue 16): lets the user
   * tell their sessions apart on "Mitt konto". No IP address is kept. Gone with the session.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent!: string | null;

  /**
   * For a session signed in through an identity provider: the provider's key in the deployment's
   * providers file, so that signing out can also end the session there (RP-initiated logout).
   */
  @Column({ type: 'varchar', length: 50, nullable: true })
  oidcProvider!: string | null;

  /** The absolute end of the session, whatever the activity. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
