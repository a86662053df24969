import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sign-in through an organisation's identity provider that has been started and not yet come
 * back (issue 16). The browser holds a random token in a short-lived cookie; only its SHA-256 is
 * stored, and `state`, `nonce` and the PKCE verifier are derived from the token, so the table
 * holds nothing that would let anyone finish the sign-in. The callback deletes the row as it
 * reads it: each transaction is used once.
 */
@Entity('oidc_transactions')
export class OidcTransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The provider's key in the deployment's providers file. */
  @Column({ type: 'varchar', length: 50 })
  providerKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
